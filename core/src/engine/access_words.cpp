// The access preview as words (engine/access_words.h), for the package's reader. Its own file so
// that the package compiles it -O2: at -Oz, through calls, it cost more than the JSON text it
// replaces (measured).
#include "engine/access_words.h"

#include <algorithm>

#include "common/size_hint.h"
#include "engine/json_writer.h"
#include "hmp/access.h"
#include "state/model.h"

namespace sharepolicy {

// Once per answer, these three: small rather than fast (the package compiles this file -O2).
SHAREPOLICY_SMALL AccessWords::AccessWords(SentNames* sent, WordBuffers* buffers) : sent_(sent), buffers_(buffers) {
  swap_buffers();
}

SHAREPOLICY_SMALL AccessWords::~AccessWords() {
  for (const UserView& u : new_names_) {
    std::vector<std::uint8_t>& marks = u.name_number & UserView::kGroupName ? sent_->groups : sent_->users;
    marks[u.name_number & ~UserView::kGroupName] = 0;
  }
  swap_buffers();
}

// Buffers larger than kKeptBytes (a preview with every holder listed) are not kept.
SHAREPOLICY_SMALL void AccessWords::swap_buffers() {
  constexpr std::size_t kKeptBytes = std::size_t{1} << 20;
  static_assert(WordBuffers::kParts == 2 + sizeof lists_ / sizeof lists_[0], "part(i): out_, owners_, lists_");
  if (!buffers_) return;
  for (int i = 0; i < WordBuffers::kParts; ++i) {
    Part& p = part(i);
    std::vector<std::uint32_t>& words = buffers_->words[i];
    p.words.swap(words);
    p.words.clear();
    p.pool.swap_memory(buffers_->pools[i], buffers_->pool_sizes[i]);
    if (4 * words.capacity() + buffers_->pool_sizes[i] > kKeptBytes) {
      std::vector<std::uint32_t>().swap(words);
      buffers_->pools[i].reset();
      buffers_->pool_sizes[i] = 0;
    }
  }
}

// A user the host's table holds, or will once this answer's names are read, is its number alone:
// no copy of its strings here and no string made from them in JavaScript (on M, an allowed
// preview's holders name about a hundred users and groups).
void AccessWords::write_user(Part& p, const UserView& u) {
  if (!sent_ || u.name_number == UserView::kNoName) return p.user(u);
  p.number(0);
  p.number(u.name_number);
  std::vector<std::uint8_t>& marks = u.name_number & UserView::kGroupName ? sent_->groups : sent_->users;
  const std::size_t at = u.name_number & ~UserView::kGroupName;
  if (at >= marks.size()) marks.resize(std::max(at + 1, 2 * marks.size()), 0);
  if (marks[at]) return;
  new_names_.reserve(new_names_.size() + 1);  // before the mark: a failed push leaves it unmarked
  marks[at] = 1;
  new_names_.push_back(u);
}

SHAREPOLICY_SMALL void AccessWords::write_names(json_writer::Writer& w, bool new_table) {
  if (!sent_ || (new_names_.empty() && !new_table)) return;
  w.key("names");
  w.begin_object();
  w.number_member("table", sent_->table);
  w.key("add");
  w.begin_array();
  for (const UserView& u : new_names_) {
    w.number(u.name_number);
    w.string(u.id());
    w.string(u.name());
  }
  w.end_array();
  w.end_object();
}

SHAREPOLICY_SMALL void AccessWords::hand_over_names() { new_names_.clear(); }

void AccessWords::Part::names(const std::vector<std::string>& names) {
  number(names.size());
  for (const std::string& n : names) string(n);
}

void AccessWords::Part::append(const Part& other) {
  words.insert(words.end(), other.words.begin(), other.words.end());
  pool.append(other.pool.data(), other.pool.size());
}

void AccessWords::Bytes::grow(std::size_t n) {
  const std::size_t capacity = std::max({2 * capacity_, size_ + n, std::size_t{1024}});
  std::unique_ptr<char[]> grown(new char[capacity]);
  if (size_) std::memcpy(grown.get(), data_.get(), size_);
  data_ = std::move(grown);
  capacity_ = capacity;
}

void AccessWords::Part::clear() {
  words.clear();
  pool.clear();
  entries = 0;
}

void AccessWords::write_holder(Part& p, const HolderView& h) {
  p.number(h.user ? 1 : 0);
  if (h.user) write_user(p, *h.user);
  else p.number(h.administrators);
  if (roles_) {
    p.string(h.role);
  } else {
    p.number(h.actions);
  }
  p.number(h.via.size());
  for (const PathView& path : h.via) {
    p.string(path.type);
    p.number((path.group ? 1 : 0) | (path.grant ? 2 : 0));
    if (path.group) write_user(p, *path.group);
    if (path.grant) p.string(*path.grant);
  }
}

namespace {
std::optional<std::string> copied(const std::optional<std::string_view>& s) {
  return s ? std::optional<std::string>(std::string(*s)) : std::nullopt;
}
std::optional<std::string_view> viewed(const std::optional<std::string>& s) {
  return s ? std::optional<std::string_view>(*s) : std::nullopt;
}
SHAREPOLICY_SMALL AccessUser user_of(const UserView& u) {
  return AccessUser{std::string(u.id()), std::string(u.name())};
}
UserView view_of(const AccessUser& u) { return UserView{u.id, u.name}; }
}  // namespace

// Once per listed holder outside the package's canShare (an applyShare's, the CLI's): small.
SHAREPOLICY_SMALL AccessHolder holder_of(const HolderView& view) {
  AccessHolder h;
  if (view.user) h.user = user_of(*view.user);
  h.administrators = view.administrators;
  h.actions = hmp::action_list(view.actions);
  h.role = copied(view.role);
  h.via.reserve(view.via.size());
  for (const PathView& p : view.via) {
    h.via.push_back(AccessPath{std::string(p.type), std::nullopt, copied(p.grant)});
    if (p.group) h.via.back().group = user_of(*p.group);
  }
  return h;
}

SHAREPOLICY_SMALL void view_of(const AccessHolder& holder, HolderView& view) {
  view.user.reset();
  if (holder.user) view.user = view_of(*holder.user);
  view.administrators = holder.administrators;
  view.actions = 0;
  for (const std::string& a : holder.actions) {
    for (int bit = 0; bit < 8; ++bit) {
      if (a == hmp::kActionNames[bit]) view.actions |= static_cast<std::uint8_t>(1u << bit);
    }
  }
  view.role = viewed(holder.role);
  view.via.clear();
  for (const AccessPath& p : holder.via) {
    view.via.push_back(PathView{p.type, std::nullopt, viewed(p.grant)});
    if (p.group) view.via.back().group = view_of(*p.group);
  }
}

void AccessWords::write_delta(Part& p, const AccessDelta& d) const {
  p.user(d.user);
  if (roles_) {
    p.string(d.from);
    p.string(d.to);
  } else {
    p.names(d.actions);
  }
}

void AccessWords::begin_asset(std::string_view system, std::string_view kind, std::string_view id, bool uses_roles) {
  started_ = true;
  system_ = system;
  kind_ = kind;
  id_ = id;
  roles_ = uses_roles;
  for (Part& list : lists_) list.clear();
}

void AccessWords::holder(List list, const HolderView& h) {
  write_holder(lists_[list], h);
  ++lists_[list].entries;
}

// In both lists, the after list's entry is the before list's position: the reader builds it from
// the holder it read (its strings shared, not sliced again from the pool).
void AccessWords::holder_in(bool before, bool after, const HolderView& h) {
  if (!before) return holder(kAfter, h);
  const std::uint32_t position = lists_[kBefore].entries;
  holder(kBefore, h);
  if (!after) return;
  Part& again = lists_[kAfter];
  again.number(kHolderAgain);
  again.number(position);
  ++again.entries;
}

void AccessWords::holder(List list, const AccessHolder& h) {
  view_of(h, view_);
  holder(list, view_);
}

void AccessWords::delta(List list, const AccessDelta& d) {
  write_delta(lists_[list], d);
  ++lists_[list].entries;
}

// An asset's first words: its system, kind and id, then its flags (1: roles, 2: an owner move,
// 4: counts follow).
void AccessWords::asset_head(std::string_view system, std::string_view kind, std::string_view id, unsigned flags) {
  ++assets_;
  out_.string(system);
  out_.string(kind);
  out_.string(id);
  out_.number(flags);
}

void AccessWords::end_asset(const std::optional<AccessCounts>& counts) {
  asset_head(system_, kind_, id_, (roles_ ? 1 : 0) | (counts ? 4 : 0));
  for (const Part& list : lists_) {
    out_.number(list.entries);
    out_.append(list);
  }
  if (counts) {
    for (const std::size_t n : {counts->before, counts->after, counts->gained, counts->lost}) out_.number(n);
  }
}

void AccessWords::add(const Access& access) {
  started_ = true;
  for (const AssetAccess& asset : access.assets) {
    if (asset.owner) {
      asset_head(asset.system, asset.kind, asset.id, (asset.uses_roles ? 1 : 0) | 2);
      out_.string(asset.owner->from);
      out_.string(asset.owner->to);
      continue;
    }
    begin_asset(asset.system, asset.kind, asset.id, asset.uses_roles);
    for (const AccessHolder& h : asset.before) holder(kBefore, h);
    for (const AccessHolder& h : asset.after) holder(kAfter, h);
    for (const AccessDelta& d : asset.gained) delta(kGained, d);
    for (const AccessDelta& d : asset.lost) delta(kLost, d);
    end_asset(asset.counts);
  }
  for (const OwnershipTotal& o : access.owners) {
    ++owners_.entries;
    owners_.user(o.user);
    owners_.number(o.gained);
    owners_.number(o.lost);
  }
}

void AccessWords::finish(std::string& out) {
  const std::uint32_t head[] = {static_cast<std::uint32_t>(out_.words.size() + owners_.words.size() + 2), assets_};
  out.append(reinterpret_cast<const char*>(head), sizeof head);
  out.append(reinterpret_cast<const char*>(out_.words.data()), 4 * out_.words.size());
  out.append(reinterpret_cast<const char*>(&owners_.entries), 4);
  out.append(reinterpret_cast<const char*>(owners_.words.data()), 4 * owners_.words.size());
  out.append(out_.pool.data(), out_.pool.size());
  out.append(owners_.pool.data(), owners_.pool.size());
}

std::size_t AccessWords::size() const {
  return 4 * (3 + out_.words.size() + owners_.words.size()) + out_.pool.size() + owners_.pool.size();
}

void append_access_words(std::string& out, const Access& access) {
  AccessWords words;
  words.add(access);
  words.finish(out);
}

}  // namespace sharepolicy
