// StateStream (state.h): a state read in pieces. Each piece is read as far as whole units allow
// (state_loader.h); only the bytes of the unit not yet whole are kept, so memory holds the model
// and about one piece, never the whole text. The limit is enforced as the pieces arrive.
#include <new>
#include <optional>

#include "common/input_failure.h"
#include "sharepolicy/limits.h"
#include "sharepolicy/state.h"
#include "state/state_loader.h"

namespace sharepolicy {

struct StateStream::Impl {
  std::unique_ptr<state::Loader> loader = std::make_unique<state::Loader>();
  std::string tail;  // the bytes from tail_at on, not read yet
  std::uint64_t tail_at = 0;
  std::uint64_t read = 0;
  std::optional<InputError> error;

  void fail(InputError e) {
    error = std::move(e);
    loader.reset();
    std::string().swap(tail);
  }
  // Reads what `piece` completes; keeps the rest.
  void take(std::string_view piece, bool final) {
    if (tail.empty() && !final) {  // the common case: no copy of the bytes read at once
      loader->read(piece, tail_at, false);
      tail.assign(piece.substr(static_cast<std::size_t>(loader->offset() - tail_at)));
    } else {
      tail.append(piece);
      loader->read(tail, tail_at, final);
      tail.erase(0, static_cast<std::size_t>(loader->offset() - tail_at));
    }
    tail_at = loader->offset();
    // A long unit grew the buffer: give the memory back once it is read.
    if (tail.capacity() > (std::size_t{4} << 20) && tail.size() < tail.capacity() / 4) std::string(tail).swap(tail);
  }
};

StateStream::StateStream() : impl_(std::make_unique<Impl>()) {}
StateStream::~StateStream() = default;

std::uint64_t StateStream::bytes_read() const { return impl_->read; }

const InputError* StateStream::feed(std::string_view piece) {
  Impl& in = *impl_;
  if (in.error) return &*in.error;
  if (!in.loader) {  // finish() answered already
    in.fail(InputError{error_code::kStateInvalid, "the state's stream is already finished", ""});
    return &*in.error;
  }
  in.read += piece.size();
  if (in.read > limits::kMaxStateBytes) {
    in.fail(InputError{error_code::kLimitExceeded,
                       "the state is more than the limit of " + std::to_string(limits::kMaxStateBytes) + " bytes", ""});
    return &*in.error;
  }
  try {
    in.take(piece, false);
  } catch (const InputFailure& failure) {
    in.fail(failure.error());
    return &*in.error;
  } catch (const std::bad_alloc&) {
    in.fail(InputError{error_code::kLimitExceeded,
                       "not enough memory to read a state of " + std::to_string(in.read) + " bytes or more", ""});
    return &*in.error;
  }
  return nullptr;
}

Expected<State> StateStream::finish() {
  Impl& in = *impl_;
  if (in.error) return *in.error;
  if (!in.loader) in.fail(InputError{error_code::kStateInvalid, "the state's stream is already finished", ""});
  if (in.error) return *in.error;
  try {
    in.take({}, true);
    State state(std::make_shared<detail::StateData>(in.loader->finish()));
    in.loader.reset();
    return state;
  } catch (const InputFailure& failure) {
    in.fail(failure.error());
  } catch (const std::bad_alloc&) {
    in.fail(InputError{error_code::kLimitExceeded,
                       "not enough memory to load a state of " + std::to_string(in.read) + " bytes", ""});
  }
  return *in.error;
}

}  // namespace sharepolicy
