// The access preview as numbers and a pool of string bytes (result.h append_access_words), for
// the package's reader. Its own file so that the package compiles it -O2: at -Oz, through calls, it
// cost more than the JSON text it replaces (measured).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sharepolicy/result.h"

namespace sharepolicy {

namespace {

// The access preview as numbers and one pool of string bytes, for the package (index.ts
// readAccess): JSON.parse of its text costs a full preview's time in JavaScript, building the same
// objects from this a fifth of it (measured on M). The same members in the same order as
// write_access, so that the object read is JSON.parse's of that text. Every number is a 32-bit word
// in the host's byte order (little-endian in WebAssembly); a string is a word, 0 for null, else 1 +
// its length in bytes, its UTF-8 bytes in the pool. First, the words' count.
class AccessWords {
 public:
  void number(std::size_t n) { words_.push_back(static_cast<std::uint32_t>(n)); }
  void string(const std::string* s) {
    if (!s) return number(0);
    number(s->size() + 1);
    pool_.insert(pool_.end(), s->begin(), s->end());
  }
  void string(const std::string& s) { string(&s); }
  void string(const std::optional<std::string>& s) { string(s ? &*s : nullptr); }
  void user(const AccessUser& u) {
    string(u.id);
    string(u.name);
  }
  template <class List, class Item>
  void list(const List& items, Item&& item) {
    number(items.size());
    for (const auto& i : items) item(i);
  }
  void names(const std::vector<std::string>& names) {
    list(names, [&](const std::string& n) { string(n); });
  }
  void finish(std::string& out) const {
    const auto count = static_cast<std::uint32_t>(words_.size());
    out.append(reinterpret_cast<const char*>(&count), 4);
    out.append(reinterpret_cast<const char*>(words_.data()), 4 * words_.size());
    out.append(pool_.data(), pool_.size());
  }

 private:
  // Vectors, not strings: std::string's members are out of line in the package (Debian's
  // prebuilt libc++), a call per word; a vector's are templates, inlined.
  std::vector<std::uint32_t> words_;
  std::vector<char> pool_;
};

void access_words(AccessWords& a, const Access& access) {
  a.list(access.assets, [&](const AssetAccess& asset) {
    a.string(asset.system);
    a.string(asset.kind);
    a.string(asset.id);
    const bool roles = asset.uses_roles;
    a.number(roles | (asset.owner ? 2 : 0) | (asset.counts ? 4 : 0));
    if (asset.owner) {
      a.string(asset.owner->from);
      a.string(asset.owner->to);
      return;
    }
    const auto holder = [&](const AccessHolder& h) {
      a.number(h.user ? 1 : 0);
      if (h.user) a.user(*h.user);
      else a.number(h.administrators);
      if (roles) a.string(h.role);
      else a.names(h.actions);
      a.list(h.via, [&](const AccessPath& p) {
        a.string(p.type);
        a.number((p.group ? 1 : 0) | (p.grant ? 2 : 0));
        if (p.group) a.user(*p.group);
        if (p.grant) a.string(*p.grant);
      });
    };
    const auto delta = [&](const AccessDelta& d) {
      a.user(d.user);
      if (roles) {
        a.string(d.from);
        a.string(d.to);
      } else {
        a.names(d.actions);
      }
    };
    a.list(asset.before, holder);
    a.list(asset.after, holder);
    a.list(asset.gained, delta);
    a.list(asset.lost, delta);
    if (asset.counts) {
      for (const std::size_t n : {asset.counts->before, asset.counts->after, asset.counts->gained, asset.counts->lost})
        a.number(n);
    }
  });
  a.list(access.owners, [&](const OwnershipTotal& o) {
    a.user(o.user);
    a.number(o.gained);
    a.number(o.lost);
  });
}

}  // namespace

void append_access_words(std::string& out, const Access& access) {
  AccessWords a;
  access_words(a, access);
  a.finish(out);
}

}  // namespace sharepolicy
