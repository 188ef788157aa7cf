// The text API's one envelope: every function and LoadedState method answers a JSON object with
// exactly one member, "result" or "error" (issue 13: load() used to answer "" and summary() a bare
// object, and the JS side compensated).
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "fixture_support.h"
#include "sharepolicy/text_api.h"

using sharepolicy::Json;
using sharepolicy::text::LoadedState;

namespace {

// The envelope's only member: "result" or "error".
std::string member_of(const std::string& envelope) {
  const Json j = Json::parse(envelope);
  REQUIRE(j.is_object());
  REQUIRE(j.size() == 1);
  const std::string key = j.begin().key();
  REQUIRE((key == "result" || key == "error"));
  return key;
}

}  // namespace

TEST_CASE("text api: every LoadedState call answers one envelope", "[text_api]") {
  const std::string share =
      R"({"actor":"admin","cli":"shareRecordingWithUser creator OWN f678f415-0665-48cd-b141-1e95283469f1"})";
  LoadedState loaded;
  CHECK(member_of(loaded.load(fixtures::sample("hmp.json"))) == "result");
  CHECK(Json::parse(loaded.load(fixtures::sample("hmp.json")))["result"].is_null());
  CHECK(member_of(loaded.summary()) == "result");
  CHECK(Json::parse(loaded.summary())["result"]["hmp"]["users"].is_number());
  CHECK(member_of(loaded.can_share(share)) == "result");
  CHECK(member_of(loaded.can_share_batch("[" + share + "]")) == "result");
  CHECK(member_of(loaded.preview_reassign(share)) == "error");
  CHECK(member_of(loaded.apply_share(share)) == "result");
  CHECK(member_of(loaded.to_json()) == "result");
  CHECK(member_of(loaded.load("{ nope")) == "error");
}

// Loading in pieces (the package's loadStream): one envelope per piece, the same answer as load at
// the end, and a failed stream leaves the loaded state as it was.
TEST_CASE("text api: a state loaded in pieces answers as load", "[text_api][stream]") {
  const std::string text = fixtures::sample("hmp.json");
  LoadedState whole;
  REQUIRE(member_of(whole.load(text)) == "result");

  LoadedState pieces;
  CHECK(member_of(pieces.load_begin()) == "result");
  for (std::size_t at = 0; at < text.size(); at += 7) {
    CHECK(pieces.load_piece(std::string_view(text).substr(at, 7)) == R"({"result":null})");
  }
  CHECK(pieces.load_end() == R"({"result":null})");
  CHECK(pieces.to_json() == whole.to_json());

  // A bad text in pieces: load's error at the end (or earlier), the state loaded before kept.
  const std::string bad = R"({"hmp":{"users":[{"id":7}]}})";
  std::string expected = LoadedState().load(bad);
  CHECK(member_of(expected) == "error");
  CHECK(member_of(pieces.load_begin()) == "result");
  std::string answer;
  for (std::size_t at = 0; at < bad.size() && answer.find("\"error\"") == std::string::npos; at += 3) {
    answer = pieces.load_piece(std::string_view(bad).substr(at, 3));
  }
  if (answer.find("\"error\"") == std::string::npos) answer = pieces.load_end();
  CHECK(answer == expected);
  CHECK(pieces.to_json() == whole.to_json());

  // load_end without a piece is the load of an empty text.
  CHECK(pieces.load_end() == LoadedState().load(""));
}

namespace {

// Access words (engine/access_words.h) with every after-list holder written as "the before list's
// holder at this position, again" replaced by that holder's words and bytes: the preview computed
// entry by entry writes such holders; one written from the result's objects does not.
class WordsExpander {
 public:
  explicit WordsExpander(const std::string& text) {
    std::uint32_t count = 0;
    std::memcpy(&count, text.data(), 4);
    in_.resize(count);
    std::memcpy(in_.data(), text.data() + 4, 4 * std::size_t{count});
    pool_ = std::string_view(text).substr(4 + 4 * std::size_t{count});
  }

  std::string expanded() {
    for (std::uint32_t assets = number(); assets > 0; --assets) asset();
    for (std::uint32_t owners = number(); owners > 0; --owners) {
      string();
      string();
      number();
      number();
    }
    const auto count = static_cast<std::uint32_t>(out_.size());
    std::string text(reinterpret_cast<const char*>(&count), 4);
    text.append(reinterpret_cast<const char*>(out_.data()), 4 * out_.size());
    return text + pool_out_;
  }

 private:
  std::uint32_t number() {
    out_.push_back(in_.at(w_));
    return in_.at(w_++);
  }
  void string() {
    if (const std::uint32_t n = number()) {
      pool_out_.append(pool_.substr(at_, n - 1));
      at_ += n - 1;
    }
  }
  void names() {
    for (std::uint32_t n = number(); n > 0; --n) string();
  }
  // A holder as written in full; `first` (its first word) is already read.
  void holder(std::uint32_t first, bool roles) {
    if (first == 1) {
      string();
      string();
    } else {
      number();
    }
    if (roles) string();
    else names();
    for (std::uint32_t n = number(); n > 0; --n) {
      string();
      const std::uint32_t has = number();
      if (has & 1) {
        string();
        string();
      }
      if (has & 2) string();
    }
  }
  void asset() {
    string();
    string();
    string();
    const std::uint32_t flags = number();
    const bool roles = flags & 1;
    if (flags & 2) {
      string();
      string();
      return;
    }
    struct Span {
      std::size_t words, words_end, pool, pool_end;
    };
    std::vector<Span> before;
    for (std::uint32_t n = number(); n > 0; --n) {
      Span span{out_.size(), 0, pool_out_.size(), 0};
      holder(number(), roles);
      span.words_end = out_.size();
      span.pool_end = pool_out_.size();
      before.push_back(span);
    }
    for (std::uint32_t n = number(); n > 0; --n) {
      const std::uint32_t first = in_.at(w_++);
      if (first != 2) {
        out_.push_back(first);
        holder(first, roles);
        continue;
      }
      const Span& again = before.at(in_.at(w_++));
      const std::vector<std::uint32_t> words(out_.begin() + static_cast<std::ptrdiff_t>(again.words),
                                             out_.begin() + static_cast<std::ptrdiff_t>(again.words_end));
      out_.insert(out_.end(), words.begin(), words.end());
      pool_out_.append(pool_out_.substr(again.pool, again.pool_end - again.pool));
    }
    for (int list = 0; list < 2; ++list) {
      for (std::uint32_t n = number(); n > 0; --n) {
        string();
        string();
        if (roles) {
          string();
          string();
        } else {
          names();
        }
      }
    }
    if (flags & 4) {
      for (int i = 0; i < 4; ++i) number();
    }
  }

  std::vector<std::uint32_t> in_, out_;
  std::string_view pool_;
  std::string pool_out_;
  std::size_t w_ = 0, at_ = 0;
};

}  // namespace

// The package's canShare answer (issue 11): the access preview apart, after a line break, as
// numbers and a string pool (append_access_words) that JavaScript reads only when `access` is read.
// The head is can_share_window's result with access null; a result without access has no line break
// at all. (That the words read back to the same objects is tests/js/access-words.test.mjs, on every
// fixture, through the package's reader.)
TEST_CASE("text api: can_share_access_apart is can_share_window with access moved after a line break", "[text_api]") {
  std::size_t apart = 0, again = 0;
  for (const auto& path : fixtures::all()) {
    const Json fixture = Json::parse(fixtures::read_file(path));
    if (!fixture.contains("request")) continue;
    LoadedState loaded;
    if (member_of(loaded.load(fixtures::state_text(fixture))) != "result") continue;  // a state error's fixture
    const std::string request = fixture.at("request").dump();
    for (const sharepolicy::AccessWindow window : {sharepolicy::AccessWindow{}, sharepolicy::AccessWindow{1, 1}}) {
      INFO(path.filename().string() << " window " << window.offset << "+" << window.limit);
      const std::string whole = loaded.can_share_window(request, window);
      const std::string answer = loaded.can_share_access_apart(request, window);
      const auto cut = answer.find('\n');
      if (cut == std::string::npos) {
        CHECK(answer == whole);
        continue;
      }
      ++apart;
      Json expected_head = Json::parse(whole);
      REQUIRE(expected_head["result"]["access"].is_object());
      expected_head["result"]["access"] = nullptr;
      CHECK(answer.substr(0, cut) == expected_head.dump());
      const auto state = sharepolicy::load_state(fixtures::state_text(fixture));
      const auto result = sharepolicy::can_share(state.value(), sharepolicy::parse_request(request).value(), window);
      std::string words;
      sharepolicy::append_access_words(words, *result.value().access);
      CHECK(WordsExpander(answer.substr(cut + 1)).expanded() == words);
      again += answer.substr(cut + 1) != words;
    }
  }
  CHECK(apart >= 4);  // the fixtures that change something carry access
  CHECK(again >= 1);  // and some list a holder before and after that the change leaves alone
}
