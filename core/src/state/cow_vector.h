// A vector whose copies share their elements in chunks: copying it copies one pointer per chunk,
// and changing an element copies only that element's chunk when another copy still shares it.
// The big collections of a section (assets, users) are held this way so that an apply on a state
// an undo handle still shares (State::clone, copy-on-write) costs what the change costs, not what
// the section costs. Element references stay valid while elements are appended (chunks never move).
#pragma once
#include <atomic>
#include <cstddef>
#include <iterator>
#include <memory>
#include <utility>
#include <vector>

namespace sharepolicy {

// Copy-on-write's one rule: makes `p` the only owner of what it points at, copying that first if
// another owner still shares it. Every shared part of a State (its data, its sections, their
// chunks) is written only after this. use_count() is a relaxed read; the acquire fence pairs it
// with the release in the last other owner's drop, so that owner's reads come before our writes.
template <class T>
T& exclusive_owner(std::shared_ptr<T>& p) {
  if (p.use_count() != 1) {
    p = std::make_shared<T>(*p);
  } else {
    std::atomic_thread_fence(std::memory_order_acquire);
  }
  return *p;
}

template <class T>
class CowVector {
  static constexpr std::size_t kChunk = 256;  // a change copies at most this many elements
  using Chunk = std::vector<T>;

  template <class Owner, class Ref>
  class Iter {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = std::remove_reference_t<Ref>*;
    using reference = Ref;
    Iter() = default;
    Iter(Owner* v, std::size_t i) : v_(v), i_(i) {}
    Ref operator*() const { return (*v_)[i_]; }
    pointer operator->() const { return &(*v_)[i_]; }
    Ref operator[](difference_type n) const { return (*v_)[i_ + n]; }
    Iter& operator++() { return ++i_, *this; }
    Iter operator++(int) { return Iter(v_, i_++); }
    Iter& operator--() { return --i_, *this; }
    Iter operator--(int) { return Iter(v_, i_--); }
    Iter& operator+=(difference_type n) { return i_ += n, *this; }
    Iter& operator-=(difference_type n) { return i_ -= n, *this; }
    Iter operator+(difference_type n) const { return Iter(v_, i_ + n); }
    Iter operator-(difference_type n) const { return Iter(v_, i_ - n); }
    difference_type operator-(const Iter& o) const {
      return static_cast<difference_type>(i_) - static_cast<difference_type>(o.i_);
    }
    bool operator==(const Iter& o) const { return i_ == o.i_; }
    bool operator!=(const Iter& o) const { return i_ != o.i_; }
    bool operator<(const Iter& o) const { return i_ < o.i_; }
    bool operator>(const Iter& o) const { return i_ > o.i_; }
    bool operator<=(const Iter& o) const { return i_ <= o.i_; }
    bool operator>=(const Iter& o) const { return i_ >= o.i_; }

   private:
    Owner* v_ = nullptr;
    std::size_t i_ = 0;
  };

 public:
  using value_type = T;
  using size_type = std::size_t;
  using const_iterator = Iter<const CowVector, const T&>;
  using iterator = Iter<CowVector, T&>;

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& operator[](std::size_t i) const { return (*chunks_[i / kChunk])[i % kChunk]; }
  T& operator[](std::size_t i) { return own(i / kChunk)[i % kChunk]; }
  const T& front() const { return (*this)[0]; }
  const T& back() const { return (*this)[size_ - 1]; }
  T& back() { return (*this)[size_ - 1]; }

  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size_}; }
  iterator begin() { return {this, 0}; }
  iterator end() { return {this, size_}; }

  void push_back(T value) {
    if (size_ % kChunk == 0) {
      chunks_.push_back(std::make_shared<Chunk>());
      chunks_.back()->reserve(kChunk);
    }
    own(chunks_.size() - 1).push_back(std::move(value));
    ++size_;
  }
  template <class... Args>
  T& emplace_back(Args&&... args) {
    push_back(T(std::forward<Args>(args)...));
    return back();
  }
  void reserve(std::size_t n) { chunks_.reserve((n + kChunk - 1) / kChunk); }
  void clear() {
    chunks_.clear();
    size_ = 0;
  }
  void shrink_to_fit() {
    chunks_.shrink_to_fit();
    if (!chunks_.empty()) own(chunks_.size() - 1).shrink_to_fit();
  }

 private:
  // The chunk, copied first if another vector still shares it.
  Chunk& own(std::size_t c) { return exclusive_owner(chunks_[c]); }

  std::vector<std::shared_ptr<Chunk>> chunks_;
  std::size_t size_ = 0;
};

}  // namespace sharepolicy
