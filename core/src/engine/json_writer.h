// Writes JSON text straight into a string, byte for byte what nlohmann's compact dump() writes for
// the same values, without building a DOM first (a full preview spent most of its time building and
// destroying nlohmann values only to print them).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "sharepolicy/result.h"

namespace sharepolicy::json_writer {

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // A member name; the next value written is its value.
  void key(std::string_view name);

  void string(std::string_view s);
  void optional_string(const std::optional<std::string>& s);
  void boolean(bool b);
  void null();
  void number(std::size_t n);
  void value(const Json& j);  // an nlohmann value, as its dump() writes it
  // Text already serialized as one JSON value.
  void raw(std::string_view json_text);

 private:
  void open(char c);
  void close(char c);
  void before_value();

  std::string& out_;
  bool first_ = true;       // no member or element yet at the current depth
  bool after_key_ = false;  // a key was just written
};

// A string as nlohmann dump() writes it (ensure_ascii off, strict UTF-8), appended to `out`.
void append_string(std::string& out, std::string_view s);

}  // namespace sharepolicy::json_writer
