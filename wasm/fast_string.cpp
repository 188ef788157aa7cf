// std::string's out-of-line members compiled here, -O2, in place of those in Emscripten's prebuilt
// libc++, which it compiles -Oz: there every append, copy and growth calls each one-line accessor
// (__is_long, __get_pointer, size, char_traits::copy) as a function. The result's sentences and
// texts are built by appends. An explicit instantiation is what libc++'s own string.cpp holds; the
// link takes this copy (an object named before the library), and the library's where it has none.
#include <string>

template class std::basic_string<char>;
