// Where the native model's bytes go: loads a state and walks its model, counting what each part
// holds on the heap (glibc malloc chunk sizes: request + 8 rounded up to 16, at least 32), per
// section and per kind. Measurement only (issue 12 item 2), not part of any build.
//
//   g++ -std=c++17 -O2 -Icore/include -Icore/src bench/native/model_breakdown.cpp \
//       build-rel/core/libsharepolicy_core.a -o /tmp/breakdown && /tmp/breakdown STATE.json
#include <malloc.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "sharepolicy/result.h"
#include "sharepolicy/state.h"
#define private public  // read the model's private tables (measurement only)
#include "state/model.h"
#undef private

namespace {

using namespace sharepolicy;
std::map<std::string, double> tally;

size_t chunk(size_t n) { return n == 0 ? 0 : std::max<size_t>(32, (n + 8 + 15) & ~size_t(15)); }
void add(const std::string& k, size_t b) { tally[k] += b; }
size_t str_heap(const std::string& s) { return s.capacity() > 15 ? chunk(s.capacity() + 1) : 0; }
void str(const std::string& k, const std::string& s) { add(k + " str heap", str_heap(s)); }
void ostr(const std::string& k, const std::optional<std::string>& s) {
  if (s) str(k, *s);
}
template <class T>
void vec(const std::string& k, const std::vector<T>& v) {
  add(k + " vec", chunk(v.capacity() * sizeof(T)));
  add(k + " vec slack", (v.capacity() - v.size()) * sizeof(T));
}
template <class T>
void cow(const std::string& k, const CowVector<T>& v) {
  add(k + " cow", chunk(v.chunks_.capacity() * sizeof(void*)));
  for (auto& c : v.chunks_) {
    add(k + " cow", chunk(c->capacity() * sizeof(T)) + 32 /* shared_ptr control block */);
    add(k + " vec slack", (c->capacity() - c->size()) * sizeof(T));
  }
}
void index(const std::string& k, const NameIndex& ix) {
  add(k + " index", chunk(ix.records_.capacity() * 4) + chunk(ix.slots_.capacity() * 8));
  add(k + " index slack", (ix.records_.capacity() - ix.records_.size()) * 4);
  vec(k + " index overflow", ix.overflow_);
  for (auto& o : ix.overflow_) vec(k + " index overflow", o);
}
template <class V>
void vecvec(const std::string& k, const V& v) {
  vec(k, v);
  for (auto& x : v) vec(k, x);
}

void walk_asset(const std::string& k, const hmp::Asset& a) {
  str(k + ".id", a.id);
  ostr(k + ".name", a.name);
  vec(k + ".shares", a.shares);
}

}  // namespace

int main(int argc, char** argv) {
  std::ifstream f(argv[1], std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  std::string text = ss.str();
  const size_t before = mallinfo2().uordblks + mallinfo2().hblkhd;
  auto loaded = load_state(text);
  if (!loaded) return 1;
  State state = std::move(loaded.value());
  const size_t total = mallinfo2().uordblks + mallinfo2().hblkhd - before;
  const auto& d = state.data();
  if (d.hmp) {
    const auto& s = *d.hmp;
    add("hmp struct", sizeof s);
    cow("hmp users", s.users);
    for (auto& u : s.users) {
      str("hmp user.id", u.id), str("hmp user.username", u.username), ostr("hmp user.email", u.email);
      vec("hmp user.lists", u.roles), vec("hmp user.lists", u.groups), vec("hmp user.lists", u.groups_in_order),
          vec("hmp user.lists", u.group_spellings);
    }
    vec("hmp groups", s.groups);
    for (auto& g : s.groups)
      str("hmp group.id", g.id), str("hmp group.name", g.groupname), vec("hmp group.roles", g.roles);
    cow("hmp recordings", s.recordings);
    for (auto& a : s.recordings) walk_asset("hmp rec", a);
    cow("hmp feeds", s.feeds);
    for (auto& a : s.feeds) walk_asset("hmp feed", a);
    add("hmp extras_text", chunk(s.extras_text.capacity() + 1));
    vec("hmp spellings", s.spellings);
    for (auto& x : s.spellings) str("hmp spellings", x);
    index("hmp user_by_id", s.user_by_id), index("hmp group_by_id", s.group_by_id);
    index("hmp recording_by_id", s.recording_by_id), index("hmp feed_by_id", s.feed_by_id);
    index("hmp users_by_name", s.users_by_name), index("hmp groups_by_name", s.groups_by_name);
    vec("hmp derived", s.user_is_admin), vec("hmp derived", s.user_admin_role), vec("hmp derived", s.user_admin_group);
    vecvec("hmp users_of_group", s.users_of_group);
    add("hmp name orders", chunk(s.username_order.forward_.capacity() * 4) * 2);
  }
  if (d.webex) {
    const auto& s = *d.webex;
    vec("webex people", s.people);
    for (auto& p : s.people)
      str("webex person.id", p.id), str("webex person.email", p.email), ostr("webex person.name", p.display_name);
    cow("webex recordings", s.recordings);
    for (auto& r : s.recordings) str("webex rec.id", r.id), ostr("webex rec.topic", r.topic);
    add("webex extras_text", chunk(s.extras_text.capacity() + 1));
    index("webex person_by_id", s.person_by_id), index("webex recording_by_id", s.recording_by_id);
    index("webex people_by_email", s.people_by_email);
    vecvec("webex recordings_by_owner", s.recordings_by_owner);
  }
  if (d.ocm) {
    const auto& s = *d.ocm;
    cow("ocm users", s.users);
    for (auto& u : s.users)
      str("ocm user.id", u.id), str("ocm user.login", u.login_name), str("ocm user.name", u.display_name);
    vec("ocm groups", s.groups);
    for (auto& g : s.groups)
      str("ocm group.id", g.id), str("ocm group.name", g.display_name), vec("ocm group.members", g.members);
    cow("ocm folders", s.folders);
    for (auto& a : s.folders)
      str("ocm folder.id", a.id), ostr("ocm folder.name", a.name), vec("ocm folder.members", a.members);
    add("ocm extras_text", chunk(s.extras_text.capacity() + 1));
    index("ocm user_by_id", s.user_by_id), index("ocm group_by_id", s.group_by_id),
        index("ocm folder_by_id", s.folder_by_id);
    index("ocm users_by_login", s.users_by_login);
    vecvec("ocm groups_of_user", s.groups_of_user);
  }
  double counted = 0;
  for (auto& [k, v] : tally)
    if (k.find("slack") == std::string::npos) counted += v;
  std::printf("text %zu  model %zu (%.3fx)  counted %.0f (%.3fx)\n", text.size(), total, double(total) / text.size(),
              counted, counted / text.size());
  std::printf(
      "sizeof: hmp::User %zu Asset %zu Share %zu webex::Person %zu Recording %zu ocm::User %zu Folder %zu Member %zu\n",
      sizeof(hmp::User), sizeof(hmp::Asset), sizeof(hmp::Share), sizeof(webex::Person), sizeof(webex::Recording),
      sizeof(ocm::User), sizeof(ocm::Folder), sizeof(ocm::Member));
  double slack = 0;
  for (auto& [k, v] : tally)
    if (k.find("slack") != std::string::npos) slack += v;
  std::printf("slack total %.0f (%.3fx)\n", slack, slack / text.size());
  for (auto& [k, v] : tally)
    if (v >= 0.002 * text.size()) std::printf("  %-40s %10.0f  %.3fx\n", k.c_str(), v, v / text.size());
}
