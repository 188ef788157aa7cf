// The text API's one envelope: every function and LoadedState method answers a JSON object with
// exactly one member, "result" or "error" (issue 13: load() used to answer "" and summary() a bare
// object, and the JS side compensated).
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "fixture_support.h"
#include "engine/access_words.h"
#include "engine/json_writer.h"
#include "tape_text.h"
#include "sharepolicy/text_api.h"

using sharepolicy::Json;
using sharepolicy::text::LoadedState;

namespace {

// The envelope's only member: "result" or "error".
std::string member_of(const std::string& envelope) {
  const Json j = Json::parse(envelope);
  REQUIRE(j.is_object());
  REQUIRE(j.size() == 1);
  const std::string key = j.begin().key();
  REQUIRE((key == "result" || key == "error"));
  return key;
}

}  // namespace

TEST_CASE("text api: every LoadedState call answers one envelope", "[text_api]") {
  const std::string share =
      R"({"actor":"admin","cli":"shareRecordingWithUser creator OWN f678f415-0665-48cd-b141-1e95283469f1"})";
  LoadedState loaded;
  CHECK(member_of(loaded.load(fixtures::sample("hmp.json"))) == "result");
  CHECK(Json::parse(loaded.load(fixtures::sample("hmp.json")))["result"].is_null());
  CHECK(member_of(loaded.summary()) == "result");
  CHECK(Json::parse(loaded.summary())["result"]["hmp"]["users"].is_number());
  CHECK(member_of(loaded.can_share(share)) == "result");
  CHECK(member_of(loaded.can_share_batch("[" + share + "]")) == "result");
  CHECK(member_of(loaded.preview_reassign(share)) == "error");
  CHECK(member_of(loaded.apply_share(share)) == "result");
  CHECK(member_of(loaded.to_json()) == "result");
  CHECK(member_of(loaded.load("{ nope")) == "error");
}

// Loading in pieces (the package's loadStream): one envelope per piece, the same answer as load at
// the end, and a failed stream leaves the loaded state as it was.
TEST_CASE("text api: a state loaded in pieces answers as load", "[text_api][stream]") {
  const std::string text = fixtures::sample("hmp.json");
  LoadedState whole;
  REQUIRE(member_of(whole.load(text)) == "result");

  LoadedState pieces;
  CHECK(member_of(pieces.load_begin()) == "result");
  for (std::size_t at = 0; at < text.size(); at += 7) {
    CHECK(pieces.load_piece(std::string_view(text).substr(at, 7)) == R"({"result":null})");
  }
  CHECK(pieces.load_end() == R"({"result":null})");
  CHECK(pieces.to_json() == whole.to_json());

  // A bad text in pieces: load's error at the end (or earlier), the state loaded before kept.
  const std::string bad = R"({"hmp":{"users":[{"id":7}]}})";
  std::string expected = LoadedState().load(bad);
  CHECK(member_of(expected) == "error");
  CHECK(member_of(pieces.load_begin()) == "result");
  std::string answer;
  for (std::size_t at = 0; at < bad.size() && answer.find("\"error\"") == std::string::npos; at += 3) {
    answer = pieces.load_piece(std::string_view(bad).substr(at, 3));
  }
  if (answer.find("\"error\"") == std::string::npos) answer = pieces.load_end();
  CHECK(answer == expected);
  CHECK(pieces.to_json() == whole.to_json());

  // load_end without a piece is the load of an empty text.
  CHECK(pieces.load_end() == LoadedState().load(""));
}

namespace {

// Access words (engine/access_words.h) with every after-list holder written as "the before list's
// holder at this position, again" replaced by that holder's words and bytes: the preview computed
// entry by entry writes such holders; one written from the result's objects does not.
// A table of names as the package keeps it (index.ts NameTable): number -> id, name.
using NameTable = std::map<std::uint32_t, std::pair<std::string, std::string>>;

class WordsExpander {
 public:
  // `names`: users and groups written as 0 and their number are written as their strings.
  explicit WordsExpander(const std::string& text, const NameTable* names = nullptr) : names_(names) {
    std::uint32_t count = 0;
    std::memcpy(&count, text.data(), 4);
    in_.resize(count);
    std::memcpy(in_.data(), text.data() + 4, 4 * std::size_t{count});
    pool_ = std::string_view(text).substr(4 + 4 * std::size_t{count});
  }

  std::string expanded() {
    for (std::uint32_t assets = number(); assets > 0; --assets) asset();
    for (std::uint32_t owners = number(); owners > 0; --owners) {
      string();
      string();
      number();
      number();
    }
    const auto count = static_cast<std::uint32_t>(out_.size());
    std::string text(reinterpret_cast<const char*>(&count), 4);
    text.append(reinterpret_cast<const char*>(out_.data()), 4 * out_.size());
    return text + pool_out_;
  }

 private:
  std::uint32_t number() {
    out_.push_back(in_.at(w_));
    return in_.at(w_++);
  }
  void string() {
    if (const std::uint32_t n = number()) {
      pool_out_.append(pool_.substr(at_, n - 1));
      at_ += n - 1;
    }
  }
  void names() {
    for (std::uint32_t n = number(); n > 0; --n) string();
  }
  void put_string(const std::string& s) {
    out_.push_back(static_cast<std::uint32_t>(s.size() + 1));
    pool_out_ += s;
  }
  // A user or group: its two strings, or 0 and its number in the table of names.
  void user() {
    if (in_.at(w_) != 0) {
      string();
      string();
      return;
    }
    REQUIRE(names_ != nullptr);
    const auto& named = names_->at(in_.at(w_ + 1));
    w_ += 2;
    ++numbered;
    put_string(named.first);
    put_string(named.second);
  }
  // A holder as written in full; `first` (its first word) is already read.
  void holder(std::uint32_t first, bool roles) {
    if (first == 1) {
      user();
    } else {
      number();
    }
    if (roles) string();
    else number();  // the actions' bits
    for (std::uint32_t n = number(); n > 0; --n) {
      string();
      const std::uint32_t has = number();
      if (has & 1) user();
      if (has & 2) string();
    }
  }
  void asset() {
    string();
    string();
    string();
    const std::uint32_t flags = number();
    const bool roles = flags & 1;
    if (flags & 2) {
      string();
      string();
      return;
    }
    struct Span {
      std::size_t words, words_end, pool, pool_end;
    };
    std::vector<Span> before;
    for (std::uint32_t n = number(); n > 0; --n) {
      Span span{out_.size(), 0, pool_out_.size(), 0};
      holder(number(), roles);
      span.words_end = out_.size();
      span.pool_end = pool_out_.size();
      before.push_back(span);
    }
    for (std::uint32_t n = number(); n > 0; --n) {
      const std::uint32_t first = in_.at(w_++);
      if (first != 2) {
        out_.push_back(first);
        holder(first, roles);
        continue;
      }
      const Span& again = before.at(in_.at(w_++));
      const std::vector<std::uint32_t> words(out_.begin() + static_cast<std::ptrdiff_t>(again.words),
                                             out_.begin() + static_cast<std::ptrdiff_t>(again.words_end));
      out_.insert(out_.end(), words.begin(), words.end());
      pool_out_.append(pool_out_.substr(again.pool, again.pool_end - again.pool));
    }
    for (int list = 0; list < 2; ++list) {
      for (std::uint32_t n = number(); n > 0; --n) {
        string();
        string();
        if (roles) {
          string();
          string();
        } else {
          names();
        }
      }
    }
    if (flags & 4) {
      for (int i = 0; i < 4; ++i) number();
    }
  }

 public:
  std::size_t numbered = 0;  // users and groups read from the table

 private:
  const NameTable* names_;
  std::vector<std::uint32_t> in_, out_;
  std::string_view pool_;
  std::string pool_out_;
  std::size_t w_ = 0, at_ = 0;
};

// Where an answer's access words start: the first multiple of four after the line break at `head`.
std::size_t access_words_at(std::size_t head) { return (head + 4) & ~std::size_t{3}; }

}  // namespace

// The package's canShare answer (issue 11): the head as words (json_writer.h Tape), then the access
// preview apart, after a line break and spaces to a multiple of four bytes, as numbers and a string
// pool (append_access_words). The head, read back, is can_share_window's result with access null;
// a result without access is can_share_window's text. (That the words read back
// to the same objects is tests/js/access-words.test.mjs and preview.test.mjs, on every fixture,
// through the package's readers.)
TEST_CASE("text api: can_share_access_apart is can_share_window with access moved after a line break", "[text_api]") {
  std::size_t apart = 0, again = 0, whole_words = 0;
  for (const auto& path : fixtures::all()) {
    const Json fixture = Json::parse(fixtures::read_file(path));
    if (!fixture.contains("request")) continue;
    LoadedState loaded;
    if (member_of(loaded.load(fixtures::state_text(fixture))) != "result") continue;  // a state error's fixture
    const std::string request = fixture.at("request").dump();
    for (const sharepolicy::AccessWindow window : {sharepolicy::AccessWindow{}, sharepolicy::AccessWindow{1, 1}}) {
      INFO(path.filename().string() << " window " << window.offset << "+" << window.limit);
      const std::string whole = loaded.can_share_window(request, window);
      std::size_t head = 7;  // left alone when nothing comes apart
      const std::string answer = loaded.can_share_access_apart(request, window, std::nullopt, &head);
      if (answer[0] == '{') {  // an error's envelope: as the whole call's
        CHECK(answer == whole);
        CHECK(head == 7);
        continue;
      }
      if (head == 7) {  // no access preview: the words alone
        CHECK(tape_text::text_of(answer) == whole);
        ++whole_words;
        continue;
      }
      REQUIRE(head < answer.size());
      REQUIRE(answer[head] == '\n');
      const auto cut = head;
      ++apart;
      Json expected_head = Json::parse(whole);
      REQUIRE(expected_head["result"]["access"].is_object());
      expected_head["result"]["access"] = nullptr;
      CHECK(tape_text::text_of(answer.substr(0, cut)) == expected_head.dump());
      const auto state = sharepolicy::load_state(fixtures::state_text(fixture));
      const auto result = sharepolicy::can_share(state.value(), sharepolicy::parse_request(request).value(), window);
      std::string words;
      sharepolicy::append_access_words(words, *result.value().access);
      // The words start at the first multiple of four after the line break, spaces before them.
      const std::size_t at = access_words_at(cut);
      CHECK(answer.substr(cut + 1, at - cut - 1) == std::string(at - cut - 1, ' '));
      CHECK(WordsExpander(answer.substr(at)).expanded() == words);
      again += answer.substr(at) != words;
    }
  }
  CHECK(apart >= 4);        // the fixtures that change something carry access
  CHECK(whole_words >= 4);  // denials carry none
  CHECK(again >= 1);        // and some list a holder before and after that the change leaves alone
}

namespace {

// The names an answer hands over ({"names":{"table","add":[number,id,name,…]}}), into `table`
// (a new table number: a new table); the envelope without them.
std::string take_names(const std::string& head, std::uint32_t& number, NameTable& table) {
  Json envelope = Json::parse(head);
  if (!envelope.contains("names")) return head;
  const Json& names = envelope["names"];
  if (names.at("table").get<std::uint32_t>() != number) {
    number = names.at("table").get<std::uint32_t>();
    table.clear();
  }
  const Json& add = names.at("add");
  for (std::size_t i = 0; i + 2 < add.size(); i += 3) {
    table[add[i].get<std::uint32_t>()] = {add[i + 1].get<std::string>(), add[i + 2].get<std::string>()};
  }
  envelope.erase("names");
  return envelope.dump();
}

}  // namespace

// With the package's table of names (text_api.h SentNames): HMP users and groups are numbers, each
// name handed over by the first answer that names it, again after the state changes or when the
// host names another table; the words, names put back, are those without a table.
TEST_CASE("text api: can_share_access_apart with a table of names hands each name over once", "[text_api]") {
  std::size_t numbered = 0, repeated = 0;
  for (const auto& path : fixtures::all()) {
    const Json fixture = Json::parse(fixtures::read_file(path));
    if (!fixture.contains("request")) continue;
    LoadedState loaded;
    if (member_of(loaded.load(fixtures::state_text(fixture))) != "result") continue;
    const std::string request = fixture.at("request").dump();
    std::uint32_t number = 0, members_table = 0;
    NameTable table;
    std::vector<std::string> members;  // the host's member names
    // twice as the same host, then after a change in place (a load), then as a host that lost its table
    for (int round = 0; round < 4; ++round) {
      INFO(path.filename().string() << " round " << round);
      if (round == 2) REQUIRE(member_of(loaded.load(fixtures::state_text(fixture))) == "result");
      if (round == 3) number = 0, table.clear();
      std::size_t plain_cut = 0, cut = 0;
      const std::string plain = loaded.can_share_access_apart(request, {}, std::nullopt, &plain_cut);
      const std::string answer = loaded.can_share_access_apart(request, {}, number, &cut);
      if (answer[0] == '{') {
        CHECK(answer == plain);
        break;
      }
      const bool has_access = cut != 0;
      if (!has_access) cut = answer.size(), plain_cut = plain.size();  // no access preview
      const std::uint32_t before = number;
      const std::size_t names_before = table.size();
      const std::string head_words = answer.substr(0, cut);  // the readers read it in place
      tape_text::Reader head(head_words, members);
      if (head.table != members_table) {  // a new table: its member names are handed over again
        members.clear();
        members_table = head.table;
      }
      tape_text::Reader again(head_words, members);
      const std::string head_text = again.text();
      CHECK(take_names(head_text, number, table) == tape_text::text_of(plain.substr(0, plain_cut)));
      CHECK(number == head.table);  // the words name the table the names went to
      if (!has_access) continue;
      const std::string numbered_words = answer.substr(access_words_at(cut));  // read in place
      WordsExpander words(numbered_words, &table);
      CHECK(words.expanded() == WordsExpander(plain.substr(access_words_at(plain_cut))).expanded());
      numbered += words.numbered;
      if (round == 1) {
        CHECK(number == before);  // the same table, and nothing new to hand over
        CHECK(table.size() == names_before);
        CHECK(head_text.find("\"names\"") == std::string::npos);
        CHECK(again.new_names == 0);  // every member name by its number
        CHECK(again.named_by_number > 5);
        repeated += words.numbered;
      } else {
        CHECK(number != before);  // a new table, every name in it handed over again
        CHECK(again.named_by_number + again.new_names > 5);
        CHECK(again.new_names > 0);
      }
    }
  }
  CHECK(numbered >= 10);
  CHECK(repeated >= 4);
}

// A preview whose answer is not handed over (an error after its words were written) hands over no
// name: the writer unmarks what it marked, so the next answer hands them over.
TEST_CASE("access words: names marked by an answer that is not handed over are unmarked", "[text_api]") {
  sharepolicy::SentNames sent;
  sharepolicy::HolderView h;
  h.user = sharepolicy::UserView{"u-7", "seven", 7};
  h.via.push_back(sharepolicy::PathView{"group",
                                        sharepolicy::UserView{"g-2", "two", 2 | sharepolicy::UserView::kGroupName},
                                        std::string_view("WATCH")});
  {
    sharepolicy::AccessWords words(&sent);
    words.begin_asset("hmp", "recording", "r-1", false);
    words.holder(sharepolicy::AccessWords::kBefore, h);
    REQUIRE(sent.users.size() > 7);
    CHECK(sent.users[7] == 1);
    CHECK(sent.groups[2] == 1);
  }  // not handed over
  CHECK(sent.users[7] == 0);
  CHECK(sent.groups[2] == 0);
  {
    sharepolicy::AccessWords words(&sent);
    words.begin_asset("hmp", "recording", "r-1", false);
    words.holder(sharepolicy::AccessWords::kBefore, h);
    words.holder(sharepolicy::AccessWords::kAfter, h);  // named again in the same answer: once
    std::string out;
    sharepolicy::json_writer::Writer w(out);
    w.begin_object();
    words.write_names(w, false);
    w.end_object();
    w.finish();
    CHECK(out == R"({"names":{"table":0,"add":[7,"u-7","seven",2147483650,"g-2","two"]}})");
    words.hand_over_names();
  }
  CHECK(sent.users[7] == 1);
  CHECK(sent.groups[2] == 1);
}
