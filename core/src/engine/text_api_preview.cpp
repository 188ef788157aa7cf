// The share preview of a loaded state (text_api.h LoadedState::evaluate_share and
// can_share_access_apart): what a share dialog calls on every keystroke, apart from the rest of
// text_api.cpp so that the package compiles it for speed and the rest for size
// (wasm/CMakeLists.txt).
#include <stdexcept>
#include <utility>

#include "engine/access_words.h"
#include "engine/json_writer.h"
#include "engine/result_writers.h"
#include "engine/text_guard.h"
#include "sharepolicy/engine.h"
#include "sharepolicy/request.h"
#include "sharepolicy/text_api.h"

namespace sharepolicy::text {
namespace {

// Room kept for the next preview's head (about 1 KB on M; more when it hands names over).
constexpr std::size_t kKeptHeadBytes = 1 << 20;

// The head's buffers are the loaded state's from one answer to the next (WordBuffers): a denied
// preview's head is a few hundred words and a kilobyte of strings, three allocations otherwise.
void take_head_buffers(WordBuffers& kept, json_writer::Tape& tape, std::string& pool) {
  tape.words.swap(kept.head_words);
  tape.open.swap(kept.head_open);
  pool.swap(kept.head_pool);
  tape.words.clear();
  tape.open.clear();
  pool.clear();
}

void give_back_head_buffers(WordBuffers& kept, json_writer::Tape& tape, std::string& pool) {
  if (pool.capacity() > kKeptHeadBytes) return;  // a rare large head is not kept
  tape.words.swap(kept.head_words);
  tape.open.swap(kept.head_open);
  pool.swap(kept.head_pool);
}

}  // namespace

// The share preview can_share_window (text_api.cpp) and can_share_access_apart render (an input
// error thrown for guarded).
Result LoadedState::evaluate_share(std::string_view request_text, const AccessWindow& window,
                                   AccessWords* words) const {
  auto req = parse_request(request_text);
  const Request& request = value_or_throw(req);
  auto result = words ? can_share_writing_access(state_, request, window, *words)
                      : sharepolicy::can_share(state_, request, window);
  value_or_throw(result);
  return std::move(result.value());
}

std::string LoadedState::can_share_access_apart(std::string_view request_text, const AccessWindow& window,
                                                std::optional<std::uint32_t> names_table,
                                                std::size_t* head_bytes) const {
  return guarded([&] {
    const bool new_table = names_table && (*names_table == 0 || *names_table != sent_names_.table);
    if (new_table) {
      sent_names_.forget();
      sent_names_.table = ++sent_names_.last_table;
    }
    AccessWords words(names_table ? &sent_names_ : nullptr, &word_buffers_);
    const Result r = evaluate_share(request_text, window, &words);
    // Every share preview writes its access as it computes it (describe_access with a writer).
    if (r.access && !words.started()) throw std::logic_error("an access preview was not written as words");
    MemberNames* members = names_table ? &sent_names_.members : nullptr;
    if (members) json_writer::drop_unhanded(*members);
    json_writer::Tape tape(members);
    std::string pool;
    take_head_buffers(word_buffers_, tape, pool);
    json_writer::Writer w(pool, tape);
    w.begin_object();
    w.key("result");
    write_result_access_apart(w, r);
    words.write_names(w, new_table);
    w.end_object();
    w.finish();
    std::string out;
    out.reserve(20 + 4 * tape.words.size() + pool.size() + words.size());  // one allocation
    json_writer::append_tape(out, sent_names_.table, tape, pool);
    give_back_head_buffers(word_buffers_, tape, pool);
    const std::size_t head = out.size();
    if (r.access) {
      // The access words start at a multiple of four (the answer's start is one): JavaScript reads
      // them where they lie, with no copy to align them.
      out += '\n';
      out.append((4 - out.size() % 4) % 4, ' ');
      words.finish(out);
    }
    words.hand_over_names();
    if (members) members->handed_over = members->names.size();
    // last: an exception before it answers an error envelope
    if (head_bytes && r.access) *head_bytes = head;
    return out;
  });
}

}  // namespace sharepolicy::text
