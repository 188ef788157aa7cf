// StateStream (state.h): a state read in pieces. This first version keeps the pieces and loads
// the whole text at finish(); the limit is enforced as the pieces arrive.
#include <new>
#include <optional>

#include "sharepolicy/limits.h"
#include "sharepolicy/state.h"

namespace sharepolicy {

struct StateStream::Impl {
  std::string text;
  std::uint64_t read = 0;
  std::optional<InputError> error;
};

StateStream::StateStream() : impl_(std::make_unique<Impl>()) {}
StateStream::~StateStream() = default;

std::uint64_t StateStream::bytes_read() const { return impl_->read; }

const InputError* StateStream::feed(std::string_view piece) {
  Impl& in = *impl_;
  if (in.error) return &*in.error;
  in.read += piece.size();
  if (in.read > limits::kMaxStateBytes) {
    in.error = InputError{error_code::kLimitExceeded,
                          "the state is more than the limit of " + std::to_string(limits::kMaxStateBytes) + " bytes",
                          ""};
    std::string().swap(in.text);
    return &*in.error;
  }
  try {
    in.text.append(piece);
  } catch (const std::bad_alloc&) {
    in.error = InputError{error_code::kLimitExceeded,
                          "not enough memory to read a state of " + std::to_string(in.read) + " bytes or more", ""};
    std::string().swap(in.text);
    return &*in.error;
  }
  return nullptr;
}

Expected<State> StateStream::finish() {
  Impl& in = *impl_;
  if (in.error) return *in.error;
  std::string text;
  text.swap(in.text);
  return load_state(text);
}

}  // namespace sharepolicy
