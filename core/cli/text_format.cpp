#include "text_format.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "common/text_util.h"
#include "compact_json.h"

namespace sharepolicy::cli {

namespace {

constexpr std::size_t kMaxListed = 20;  // lines per list before "… N more"

struct Painter {
  bool on;
  std::string paint(const std::string& text, const char* code) const {
    return on ? std::string("\x1b[") + code + "m" + text + "\x1b[0m" : text;
  }
  std::string bold(const std::string& t) const { return paint(t, "1"); }
  std::string green(const std::string& t) const { return paint(t, "32"); }
  std::string red(const std::string& t) const { return paint(t, "31"); }
  std::string yellow(const std::string& t) const { return paint(t, "33"); }
  std::string dim(const std::string& t) const { return paint(t, "2"); }
};

std::string compact(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// Names come from the state: control characters (an ANSI escape in a username) are shown, not obeyed.
std::string printable(const std::string& s) {
  std::string out;
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", b);
      out += hex;
    } else {
      out += c;
    }
  }
  return out;
}

std::string text_or_null(const Json& j) {
  return j.is_string() ? printable(j.get<std::string>()) : j.is_null() ? "(none)" : compact(j);
}

// A body longer than this is shown cut (an OCM echo of a large userID or role can be megabytes).
constexpr std::size_t kMaxBodyBytes = 4096;

// `text` cut to at most `bytes` bytes at a character boundary, with the whole size after it.
std::string cut(std::string_view text, std::size_t bytes) {
  if (text.size() <= bytes) return std::string(text);
  return std::string(text.substr(0, text_util::char_boundary(text, bytes))) + "… (" + std::to_string(text.size()) +
         " bytes; see --format json)";
}

// `response` is the result's response as compact text (it may hold an echo too large for a DOM).
std::string response_text(std::string_view response) {
  if (const auto line = member(response, "line")) return text_or_null(Json::parse(*line));
  const auto status = member(response, "status");
  std::string out = "HTTP " + (status ? std::string(*status) : std::string("?"));
  const auto body = member(response, "body");
  if (body && *body != "null") out += " " + cut(*body, kMaxBodyBytes);
  return out;
}

std::string change_text(const Json& c) {
  std::string out = text_or_null(c.value("system", Json())) + " " + text_or_null(c.value("type", Json()));
  if (c.contains("asset"))
    out += " " + text_or_null(c["asset"].value("kind", Json())) + " " + text_or_null(c["asset"].value("id", Json()));
  if (c.contains("principal"))
    out += " for " + text_or_null(c["principal"].value("type", Json())) + " " +
           text_or_null(c["principal"].value("id", Json()));
  return out + ": " + text_or_null(c.value("before", Json())) + " -> " + text_or_null(c.value("after", Json()));
}

std::string user_text(const Json& user) {
  const std::string name = text_or_null(user.value("name", Json()));
  return name + " (" + text_or_null(user.value("id", Json())) + ")";
}

std::string delta_text(const Json& d) {
  if (d.contains("actions")) {
    std::string actions;
    for (const Json& a : d["actions"]) actions += (actions.empty() ? "" : ", ") + text_or_null(a);
    return actions;
  }
  return text_or_null(d.value("from", Json())) + " -> " + text_or_null(d.value("to", Json()));
}

// `total`: how many the list has in all when the result cut it (access "counts"), else its size.
template <class Each>
void listed(std::ostringstream& out, const Json& items, Each each, std::size_t total = 0) {
  total = std::max<std::size_t>(total, items.size());
  std::size_t shown = 0;
  for (const Json& item : items) {
    if (shown == kMaxListed) break;
    ++shown;
    each(item);
  }
  if (shown < total) {
    out << "    … " << (total - shown) << " more ("
        << (shown < items.size() ? "see --format json" : "see --format json --access all") << ")\n";
  }
}

void access_section(std::ostringstream& out, const Json& access, const Painter& p) {
  if (!access.contains("assets")) return;
  out << p.bold("access") << '\n';
  for (const Json& asset : access["assets"]) {
    out << "  " << text_or_null(asset.value("system", Json())) << ' ' << text_or_null(asset.value("kind", Json()))
        << ' ' << text_or_null(asset.value("id", Json())) << '\n';
    if (asset.contains("owner")) {
      out << "    owner " << text_or_null(asset["owner"].value("from", Json())) << " -> "
          << text_or_null(asset["owner"].value("to", Json())) << '\n';
      continue;
    }
    if (asset.value("gained", Json::array()).empty() && asset.value("lost", Json::array()).empty()) {
      out << "    nobody gains or loses access\n";
    }
    const Json counts = asset.value("counts", Json::object());
    // Gained and lost print alike but for the sign, the colour and the verb.
    const auto deltas = [&](const char* key, bool gain) {
      listed(
          out, asset.value(key, Json::array()),
          [&](const Json& d) {
            const std::string who = (gain ? "+ " : "- ") + user_text(d.value("user", Json::object()));
            out << "    " << (gain ? p.green(who) : p.red(who)) << (gain ? " gains " : " loses ") << delta_text(d)
                << '\n';
          },
          counts.value(key, std::size_t{0}));
    };
    deltas("gained", true);
    deltas("lost", false);
  }
  listed(out, access.value("owners", Json::array()), [&](const Json& o) {
    out << "  " << user_text(o.value("user", Json::object())) << ": gains " << compact(o.value("gained", Json(0)))
        << ", loses " << compact(o.value("lost", Json(0))) << " recordings\n";
  });
}

}  // namespace

std::string result_as_text(const Json& r, std::string_view response, bool colour) {
  const Painter p{colour};
  std::ostringstream out;
  const bool ok = r.value("ok", false);
  out << (ok ? p.green(p.bold("ALLOWED")) : p.red(p.bold("DENIED"))) << "  "
      << text_or_null(r.value("operation", Json()));
  if (r.value("fidelity", "") == "inferred") out << "  " << p.yellow("(inferred)");
  out << '\n';
  out << p.bold("response") << "  " << response_text(response) << '\n';
  if (r.contains("error") && r["error"].is_object()) {
    const Json& e = r["error"];
    out << p.bold("error") << "     " << text_or_null(e.value("code", Json()))
        << (e.contains("name") ? " " + text_or_null(e["name"]) : "") << ": " << text_or_null(e.value("message", Json()))
        << '\n';
  }
  if (!r.value("explanation", Json::array()).empty()) {
    out << p.bold("why") << '\n';
    for (const Json& line : r["explanation"]) out << "  - " << text_or_null(line) << '\n';
  }
  if (r.contains("fix") && r["fix"].is_object())
    out << p.bold("fix") << "       " << text_or_null(r["fix"].value("sentence", Json())) << '\n';
  const Json changes = r.value("changes", Json::array());
  out << p.bold("changes") << (changes.empty() ? "   none\n" : "\n");
  listed(out, changes, [&](const Json& c) { out << "  " << change_text(c) << '\n'; });
  if (r.contains("reassign")) {
    out << p.bold("reassign") << "  " << r["reassign"].value("moved", Json::array()).size() << " moved, "
        << r["reassign"].value("skipped", Json::array()).size() << " skipped\n";
  }
  if (r.contains("access")) access_section(out, r["access"], p);
  if (!r.value("warnings", Json::array()).empty()) {
    out << p.bold("warnings") << '\n';
    for (const Json& w : r["warnings"])
      out << "  " << p.yellow(text_or_null(w.value("code", Json()))) << ": " << text_or_null(w.value("message", Json()))
          << '\n';
  }
  if (r.contains("stateWarnings")) {
    out << p.bold("state warnings") << "  " << r["stateWarnings"].size() << '\n';
    listed(out, r["stateWarnings"], [&](const Json& w) {
      out << "  " << p.yellow(text_or_null(w.value("code", Json()))) << " at "
          << text_or_null(w.value("pointer", Json())) << ": " << text_or_null(w.value("message", Json())) << '\n';
    });
  }
  return out.str();
}

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }

bool colour_allowed() {
  const char* no_color = std::getenv("NO_COLOR");
  return stdout_is_terminal() && (no_color == nullptr || *no_color == '\0');
}

}  // namespace sharepolicy::cli
