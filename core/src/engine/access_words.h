// The access preview as numbers and one pool of string bytes, for the package (index.ts
// readAccess): JSON.parse of its text costs a full preview's time in JavaScript, building the same
// objects from this a fifth of it (measured on M). The same members in the same order as
// write_access (result_json.cpp), so that the object read is JSON.parse's of that text. Every
// number is a 32-bit word in the host's byte order (little-endian in WebAssembly); a string is a
// word, 0 for null, else 1 + its length in bytes, its UTF-8 bytes in the pool. First, the words'
// count. A holder starts with 1 (a user) or 0 (the administrators' entry); in the after list, 2
// and a position stand for the before list's holder at that position, again (a user whose rights
// the change leaves as they were: most of a preview's holders). An HMP holder's actions are one
// word, their bits (bit k: kActionNames[k], state/model.h), read from a list made once per set in
// JavaScript rather than a string per action here and there.
//
// Written either from an Access (append_access_words) or entry by entry while a preview computes
// it (WindowedAccess with a writer: no holder is kept; each is handed over as views of the state,
// so a preview listing a hundred holders allocates none of their strings — on M, the package's
// canShare of an allowed share listing ~100 holders took 87 µs before, 60 after, measured).
#pragma once
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/json_writer.h"
#include "sharepolicy/engine.h"
#include "sharepolicy/result.h"
#include "sharepolicy/text_api.h"

namespace sharepolicy {

// A holder as views of what the state holds: a preview fills one again and again and hands it to
// the words writer, which copies each string once, into its pool (an AccessHolder of the same
// holder costs a copy of every string, and its allocation, first). The members of AccessHolder.
struct UserView {
  static constexpr std::uint32_t kNoName = 0xffffffffu, kGroupName = 0x80000000u;
  UserView() = default;
  UserView(std::string_view id, std::string_view name, std::uint32_t name_number = kNoName)
      : name_number(name_number), id_(id), name_(name) {}
  // A state's user or group whose strings are read only when written: a preview on M lists about
  // a hundred users whose names the host mostly holds already (SentNames), and reading each one's
  // record for them was a cache miss apiece (a twentieth of an allowed preview, measured).
  static UserView of(const std::string& id, const std::string& name, std::uint32_t name_number) {
    UserView u;
    u.name_number = name_number;
    u.id_at_ = &id;
    u.name_at_ = &name;
    return u;
  }
  std::string_view id() const { return id_at_ ? std::string_view(*id_at_) : id_; }
  std::string_view name() const { return name_at_ ? std::string_view(*name_at_) : name_; }
  // Which HMP user (its index) or group (kGroupName | its index) this is, for a host that keeps
  // names (SentNames); kNoName: written as its strings.
  std::uint32_t name_number = kNoName;

 private:
  std::string_view id_, name_;
  const std::string* id_at_ = nullptr;
  const std::string* name_at_ = nullptr;
};
struct PathView {
  std::string_view type;
  std::optional<UserView> group;
  std::optional<std::string_view> grant;
};
struct HolderView {
  std::optional<UserView> user;  // nullopt: the administrators summary entry
  std::size_t administrators = 0;
  std::uint8_t actions = 0;              // HMP: an ActionSet (state/model.h)
  std::optional<std::string_view> role;  // OCM
  std::vector<PathView> via;
};
AccessHolder holder_of(const HolderView& view);
void view_of(const AccessHolder& holder, HolderView& view);

class AccessWords {
 public:
  enum List { kBefore, kAfter, kGained, kLost };

  // With `sent` (the package's canShare), HMP users and groups are written as numbers: a user is
  // the words 0 and its number; the names this preview hands over first are kept for append_names.
  // With `buffers`, the words are written in those (their capacity reused) and given back after.
  explicit AccessWords(SentNames* sent = nullptr, WordBuffers* buffers = nullptr);
  // A preview whose answer is not handed over (an error) hands over no name: they are unmarked.
  ~AccessWords();
  AccessWords(const AccessWords&) = delete;
  AccessWords& operator=(const AccessWords&) = delete;
  // The preview as objects, all of it.
  void add(const Access& access);
  // Entry by entry (WindowedAccess): an asset's entries may come in any list order; each list is
  // kept apart until the asset ends. `kind` and `id` are read again at end_asset.
  void begin_asset(std::string_view system, std::string_view kind, std::string_view id, bool uses_roles);
  void holder(List list, const HolderView& h);
  void holder(List list, const AccessHolder& h);
  // One holder in the before list, the after list or both (written once; the after list then
  // names its position in the before list).
  void holder_in(bool before, bool after, const HolderView& h);
  void delta(List list, const AccessDelta& d);
  void end_asset(const std::optional<AccessCounts>& counts);
  // Whether a preview was written (one with no asset included).
  bool started() const { return started_; }
  void start() { started_ = true; }
  // The count, the words, the pool (the end of the answer).
  void finish(std::string& out);
  // The bytes finish will append.
  std::size_t size() const;
  // The envelope's member "names":{"table","add":[number,id,name,…]} (text_api.h), when the
  // table is new or a name is.
  void write_names(json_writer::Writer& w, bool new_table);
  // The answer is whole: its new names count as handed over (else the destructor unmarks them).
  void hand_over_names();

 private:
  // The pool's bytes in a buffer of their own: std::vector<char>'s insert is a template other
  // sources instantiate too, and the package's link keeps one copy, from a source compiled for
  // size: a call, and calls within, per string (a tenth of an allowed preview in the profile).
  class Bytes {
   public:
    void append(const char* bytes, std::size_t n) {
      if (capacity_ - size_ < n) grow(n);
      if (n) std::memcpy(data_.get() + size_, bytes, n);
      size_ += n;
    }
    const char* data() const { return data_.get(); }
    std::size_t size() const { return size_; }
    void clear() { size_ = 0; }
    // Takes the memory of `other` (`capacity` bytes; a WordBuffers pool), giving it this one's.
    void swap_memory(std::unique_ptr<char[]>& other, std::size_t& capacity) {
      data_.swap(other);
      std::swap(capacity_, capacity);
      size_ = 0;
    }

   private:
    void grow(std::size_t n);
    std::unique_ptr<char[]> data_;
    std::size_t size_ = 0, capacity_ = 0;
  };
  // Vectors, not strings: std::string's members are out of line in the package (Debian's
  // prebuilt libc++), a call per word; a vector's are templates, inlined.
  struct Part {
    std::vector<std::uint32_t> words;
    Bytes pool;
    std::uint32_t entries = 0;
    void number(std::size_t n) { words.push_back(static_cast<std::uint32_t>(n)); }
    void string(std::string_view s) {
      number(s.size() + 1);
      pool.append(s.data(), s.size());
    }
    void string(const std::string& s) { string(std::string_view(s)); }
    void string(const std::optional<std::string>& s) { s ? string(*s) : number(0); }
    void string(const std::optional<std::string_view>& s) { s ? string(*s) : number(0); }
    void user(const AccessUser& u) { user(UserView{u.id, u.name}); }
    void user(const UserView& u) {
      string(u.id());
      string(u.name());
    }
    void names(const std::vector<std::string>& names);
    void append(const Part& other);
    void clear();
  };
  static constexpr std::uint32_t kHolderAgain = 2;  // a holder's first word: the before list's, again
  void asset_head(std::string_view system, std::string_view kind, std::string_view id, unsigned flags);
  void write_holder(Part& p, const HolderView& h);
  void write_user(Part& p, const UserView& u);
  void write_delta(Part& p, const AccessDelta& d) const;

  Part out_;       // the assets so far (their count is written by finish)
  Part owners_;    // Webex: the ownership totals, after the assets
  Part lists_[4];  // the current asset's lists
  Part& part(int i) { return i == 0 ? out_ : i == 1 ? owners_ : lists_[i - 2]; }
  void swap_buffers();  // this answer's parts' memory with buffers_'s
  std::string_view system_, kind_, id_;
  HolderView view_;  // an AccessHolder, read
  bool roles_ = false, started_ = false;
  std::uint32_t assets_ = 0;
  SentNames* sent_;
  WordBuffers* buffers_;
  std::vector<UserView> new_names_;  // marked in sent_, not yet handed over
};

// can_share with an access window, its access preview written to `words` as it is computed (the
// package's canShare, text_api.cpp can_share_access_apart); result.access then holds no asset.
Expected<Result> can_share_writing_access(const State& state, const Request& request, const AccessWindow& window,
                                          AccessWords& words);

}  // namespace sharepolicy
