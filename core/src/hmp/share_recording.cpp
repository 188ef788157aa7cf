// hmp.md "Command line": shareRecordingWithUser / shareRecordingWithGroup, and the session
// commands of vendor-facts §1.3 (shareSessionWithUser / shareSessionWithGroup).
#include <algorithm>
#include <cstdint>
#include <cstring>

#include "common/text_util.h"
#include "engine/vendor_calls.h"
#include "engine/vendor_run.h"
#include "hmp/access.h"
#include "hmp/cli_tokenizer.h"
#include "hmp/decide_line.h"
#include "hmp/fix.h"

namespace sharepolicy::hmp {
namespace {

// In the WebAssembly package the checks that build a result (canShare, canShareBatch) are
// compiled for size, and the helpers both paths call kept as one copy: the package stays within
// its 200 KB budget (measured: +1.1 KB gzip without, +0.1 KB with), and a grid decides through
// decide_line, which keeps -O2. Natively both paths keep full speed.
#if defined(__wasm__)
#define SHAREPOLICY_SIZE_FIRST __attribute__((minsize))
#define SHAREPOLICY_ONE_COPY __attribute__((noinline))
#else
#define SHAREPOLICY_SIZE_FIRST
#define SHAREPOLICY_ONE_COPY
#endif

struct Command {
  const char* name;
  const char* operation;
  ShareType target;
  AssetKind kind;
};

const Command kCommands[] = {
    {"shareRecordingWithUser", "hmp.shareRecordingWithUser", ShareType::kUser, AssetKind::kRecording},
    {"shareRecordingWithGroup", "hmp.shareRecordingWithGroup", ShareType::kGroup, AssetKind::kRecording},
    {"shareSessionWithUser", "hmp.shareSessionWithUser", ShareType::kUser, AssetKind::kSession},
    {"shareSessionWithGroup", "hmp.shareSessionWithGroup", ShareType::kGroup, AssetKind::kSession},
};

// ' ' and \t \n \v \f \r, as the tokenizer (cli_tokenizer.cpp) splits.
bool is_space(char c) { return c == ' ' || static_cast<unsigned char>(c - '\t') < 5; }

// The end of the unquoted token at `p`: eight bytes at a time while none is below 0x21 (white
// space or another control byte; bytes >= 0x80 never count), as the tokenizer scans. A byte loop
// was an eighth of a grid's time in the package.
const char* token_end(const char* p, const char* end) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  for (; end - p >= 8; p += 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    const std::uint64_t below = (w - 0x21 * kOnes) & ~w & kHigh;
    if (below != 0) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
      // The lowest marked byte is the first below 0x21 (a borrow only marks bytes above it), and
      // in memory order the lowest byte comes first: straight to it, not byte by byte.
      p += __builtin_ctzll(below) / 8;
#endif
      break;
    }
  }
  while (p != end && !is_space(*p)) ++p;
  return p;
}

// The line's first `max` tokens and how many it has (counting stops past max); false when any
// token opens with a double quote, which only tokenize_command_line reads (quoted tokens, escapes;
// an unterminated quote past the fourth token is still that error, not the arity one).
SHAREPOLICY_ONE_COPY bool split_plain(std::string_view line, std::string_view* tokens, std::size_t max,
                                      std::size_t& count) {
  count = 0;
  const char* p = line.data();
  const char* const end = p + line.size();
  for (;;) {
    while (p != end && is_space(*p)) ++p;
    if (p == end) return true;
    if (*p == '"') return false;
    const char* const start = p;
    p = token_end(p, end);
    if (count < max) tokens[count] = std::string_view(start, static_cast<std::size_t>(p - start));
    if (count <= max) ++count;
  }
}

// A command line's tokens: views into the line (split_plain) or into a Tokens.
struct TokenList {
  const std::string_view* data;
  std::size_t size;
  const std::string_view* begin() const { return data; }
  const std::string_view* end() const { return data + size; }
  std::string_view operator[](std::size_t i) const { return data[i]; }
};

const Command* find_command(std::string_view name) {
  for (const Command& cmd : kCommands) {
    if (name == cmd.name) return &cmd;
  }
  return nullptr;
}

// The response {"line": line}, built member by member: nlohmann's initializer-list constructor
// first builds and inspects a list of references (2 000 instructions per denial, callgrind).
Json line_response(std::string line) {
  Json response(Json::value_t::object);
  response.emplace("line", std::move(line));
  return response;
}

// One evaluation of a command line; `answer` ends it with the vendor's line.
class CommandRun : public VendorRun {
 public:
  // Detail::kDecision and kOutcome answer in codes: not even the operation's name is copied.
  CommandRun(const Section& s, Index actor, const char* operation, Detail detail)
      : VendorRun(answers_in_codes(detail) ? "" : operation, detail), s_(s), actor_(actor) {}

  Result ok(ShareOutcome outcome) {
    result_.ok = true;
    if (codes_only()) return std::move(result_);
    result_.response = line_response("OK");
    result_.changes = std::move(outcome.changes);
    result_.warnings = std::move(outcome.warnings);
    if (!outcome.sentence.empty()) explain(std::move(outcome.sentence));
    return std::move(result_);
  }

  // ERROR|code|message; `name` is the vendor's error name where it has one (hmp.md / REST table).
  // The checks below set it and stop; take() then ends the run with it.
  void fail(const char* code, const char* name, const std::string& message) {
    result_.ok = false;
    result_.wire.set_code(code);
    if (codes_only()) return;  // Detail::kDecision, kOutcome: no line, no error
    result_.response = line_response(*code ? text_util::concat({"ERROR|", code, "|", message})
                                           : text_util::concat({"ERROR|", message}));
    VendorError e;
    e.code = code;
    if (name) e.name = name;
    e.message = message;
    result_.error = std::move(e);
  }
  Result error(const char* code, const char* name, const std::string& message) {
    fail(code, name, message);
    return take();
  }

  const Section& section() const { return s_; }
  Index actor() const { return actor_; }

 private:
  const Section& s_;
  Index actor_;
};

// Each check answers whether the command goes on; one that does not has set the vendor's line
// (CommandRun::fail), so that the run ends with it. Each sentence on the paths a grid takes is
// built only when explaining(): one built and then dropped cost about ten allocations per denial.

// Check 1: arity.
SHAREPOLICY_SIZE_FIRST bool check_arity(const Command& cmd, TokenList tokens, CommandRun& run) {
  const bool to_user = cmd.target == ShareType::kUser;
  const char* asset_word = asset_kind_name(cmd.kind);
  const std::size_t got = tokens.size - 1;
  if (got == 3) return true;
  run.explain(std::string(cmd.name) + " takes 3 parameters (" + (to_user ? "username" : "groupname") +
              " permissionId " + asset_word + "Id); the line has " + std::to_string(got));
  run.suggest([&] {
    return arity_fix(std::string(cmd.name) + (to_user ? " username" : " groupname") + " permissionId " + asset_word +
                         "Id",
                     std::vector<std::string>(tokens.begin(), tokens.end()));
  });
  run.fail("010003", nullptr, "Expected 3 parameter(s). Got " + std::to_string(got) + " parameter(s)");
  return false;
}

// Checks 2 and 3, on the text alone: the asset id is a UUID; the permission is a built-in one
// (set in `permission`, `builtin` true) or a UUID (resolved at check 8).
SHAREPOLICY_SIZE_FIRST bool check_syntax(const Command& cmd, std::string_view asset_id,
                                         std::string_view permission_token, Permission& permission, bool& builtin,
                                         CommandRun& run) {
  const char* asset_word = asset_kind_name(cmd.kind);
  if (!text_util::is_uuid(asset_id)) {
    run.explain(std::string(asset_word) + "Id " + text_util::quoted(asset_id) +
                " is not a UUID (8-4-4-4-12 hex digits)");
    run.suggest([&] {
      return request_fix(std::string("the ") + asset_word + "Id must be a UUID (8-4-4-4-12 hex digits), not " +
                         text_util::quoted(asset_id));
    });
    run.fail("010001", "InputValidation", "'" + text_util::one_line(asset_id) + "' is not a UUID");
    return false;
  }
  builtin = parse_builtin_permission(permission_token, cmd.kind, permission);
  if (!builtin && !text_util::is_uuid(permission_token)) {
    run.explain("permissionId " + text_util::quoted(permission_token) + " is neither " +
                builtin_permission_list(cmd.kind) + " (exact case) nor a UUID");
    run.suggest([&] { return permission_syntax_fix(std::string(permission_token), cmd.kind); });
    run.fail("010001", "InputValidation",
             std::string("Permission must be one of: ") + builtin_permission_list(cmd.kind));
    return false;
  }
  return true;
}

// Checks 4 to 6: the directory finds exactly one target by name (ignoring case), and it has a
// role. Sets `target` when all hold.
SHAREPOLICY_SIZE_FIRST bool find_target(const Section& s, const Command& cmd, std::string_view name, Index& target,
                                        CommandRun& run) {
  const bool to_user = cmd.target == ShareType::kUser;
  const auto& names = to_user ? s.users_by_name : s.groups_by_name;
  const IndexSpan found = names.find_all(name);
  const bool ambiguous = found.size() > 1;
  if (!s.directory_is_available() || ambiguous) {
    run.explain(!s.directory_is_available()
                    ? "the directory cannot be searched (hmp.directory.available is false)"
                    : std::string(to_user ? "username " : "groupname ") + text_util::quoted(name) + " matches " +
                          std::to_string(found.size()) + " entries that differ only in case");
    run.suggest([&] { return directory_fix(s, cmd.target, std::string(name), false); });
    to_user ? run.fail("070008", "FindUser", "Error searching for a user")
            : run.fail("070009", "FindGroup", "Error searching for a group");
    return false;
  }
  if (found.empty()) {
    if (run.explaining()) {
      run.explain(std::string("no ") + (to_user ? "user has the username " : "group has the groupname ") +
                  text_util::quoted(name) + " (compared ignoring case)");
    }
    run.suggest([&] { return principal_not_found_fix(s, cmd.target, std::string(name), false); });
    to_user ? run.fail("040004", "UserNotFound", "User not found")
            : run.fail("040005", "GroupNotFound", "Group not found");
    return false;
  }
  target = found.front();
  if (to_user ? !user_has_role(s, target) : s.groups[target].roles.empty()) {
    if (run.explaining()) {
      run.explain(to_user ? "user " + text_util::quoted(s.users[target].username) +
                                " has no role, and none of its groups has one"
                          : "group " + text_util::quoted(s.groups[target].groupname) + " has no role");
    }
    run.suggest([&] { return no_roles_fix(s, cmd.target, target); });
    to_user ? run.fail("060001", "UserHasNoRoles", "User has no roles assigned")
            : run.fail("060002", "GroupHasNoRoles", "Group has no roles assigned");
    return false;
  }
  return true;
}

// Check 7: the asset exists. Sets `asset` when it does.
SHAREPOLICY_SIZE_FIRST bool find_asset(const Section& s, const Command& cmd, std::string_view asset_id,
                                       const Asset*& asset, CommandRun& run) {
  const auto& assets = cmd.kind == AssetKind::kSession ? s.sessions : s.recordings;
  const auto& index = cmd.kind == AssetKind::kSession ? s.session_by_id : s.recording_by_id;
  const Index asset_index = index.find(asset_id);
  if (asset_index == kNoIndex) {
    if (run.explaining()) {
      run.explain(std::string("no ") + asset_kind_name(cmd.kind) + " has the id " + std::string(asset_id));
    }
    run.suggest([&] { return asset_not_found_fix(cmd.kind, std::string(asset_id)); });
    cmd.kind == AssetKind::kSession ? run.fail("040006", "SessionNotFound", "Session not found")
                                    : run.fail("040002", "RecordingNotFound", "Recording not found");
    return false;
  }
  asset = &assets[asset_index];
  return true;
}

// Check 8 (inferred code, from the REST API): a UUID permission names an access permission.
SHAREPOLICY_SIZE_FIRST bool find_access_permission(const Section& s, const Command& cmd,
                                                   std::string_view permission_token, Permission& permission,
                                                   CommandRun& run) {
  const Index custom = s.permission_by_id.find(permission_token);
  if (custom == kNoIndex) {
    run.mark_inferred();
    if (run.explaining()) {
      run.explain("no access permission has the id " + std::string(permission_token) +
                  " (code 040025 is inferred from the REST API)");
    }
    run.suggest([&] { return permission_not_found_fix(s, std::string(permission_token), cmd.kind); });
    run.fail("040025", "SharePermissionNotFound", "Share permission not found");
    return false;
  }
  permission.kind = Permission::kCustom;
  permission.custom = custom;
  return true;
}

// Check 9 as a condition: rights_on and check_actor_may_share without their grant list.
SHAREPOLICY_ONE_COPY bool actor_may_share(const Section& s, Index actor, const Command& cmd, const Asset& asset,
                                          const Permission& permission) {
  if (s.user_is_admin[actor]) return true;
  ActionSet held = 0;
  if (asset.owner == actor) {
    held = all_actions(cmd.kind);
  } else {
    const User& u = s.users[actor];
    for (const Share& sh : asset.shares) {
      const bool holds = sh.type == ShareType::kUser
                             ? sh.principal == actor
                             : std::binary_search(u.groups.begin(), u.groups.end(), sh.principal);
      if (holds) held |= permission_actions(s, sh.permission, cmd.kind);
    }
  }
  const ActionSet needed = permission_actions(s, permission, cmd.kind);
  return ((needed | kShare) & ~held) == 0;
}

// Check 9 (inferred rule): an administrator may share anything; anyone else needs share and every
// action of the permission granted.
SHAREPOLICY_SIZE_FIRST bool check_actor_may_share(const Section& s, Index actor, const Command& cmd, const Asset& asset,
                                                  const Permission& permission, CommandRun& run) {
  if (!run.explaining()) {  // a decision: the rule alone, without the grants a sentence or fix reads
    if (s.user_is_admin[actor]) return true;
    run.mark_inferred();
    if (actor_may_share(s, actor, cmd, asset, permission)) return true;
    run.fail("030003", "CannotShare", "Cannot share");
    return false;
  }
  const Rights rights = rights_on(s, actor, asset, cmd.kind);
  if (run.explaining()) run.explain(describe_rights(s, "actor", actor, rights, cmd.kind, asset.id));
  if (rights.administrator) return true;
  run.mark_inferred();
  const ActionSet needed = permission_actions(s, permission, cmd.kind);
  const ActionSet missing = static_cast<ActionSet>((needed | kShare) & ~rights.actions);
  if (missing) {
    if (run.explaining()) {
      run.explain(
          text_util::concat({permission_label(s, permission), " needs ", action_names(needed),
                             ", and sharing needs share; the actor lacks ", action_names(missing),
                             " (rule inferred: the vendor documents only a WATCH holder failing to share OWN)"}));
    }
    run.suggest([&] { return cannot_share_fix(s, cmd.kind, asset, actor, permission, rights); });
    run.fail("030003", "CannotShare", "Cannot share");
    return false;
  }
  if (run.explaining()) {
    run.explain(text_util::concat({"the actor holds share and every action of ", permission_label(s, permission),
                                   " (rule inferred: a non-administrator may grant what it holds)"}));
  }
  return true;
}

SHAREPOLICY_SIZE_FIRST Result run_share_command(const Section& s, Index actor, const Command& cmd, TokenList tokens,
                                                Detail detail) {
  CommandRun run(s, actor, cmd.operation, detail);
  if (!check_arity(cmd, tokens, run)) return run.take();
  // Views into the command line: the look-ups below copy nothing; messages copy what they quote.
  const std::string_view name = tokens[1];
  const std::string_view permission_token = tokens[2];
  const std::string_view asset_id = tokens[3];
  Permission permission;
  bool builtin = false;
  if (!check_syntax(cmd, asset_id, permission_token, permission, builtin, run)) return run.take();
  Index target = kNoIndex;
  if (!find_target(s, cmd, name, target, run)) return run.take();
  const Asset* asset = nullptr;
  if (!find_asset(s, cmd, asset_id, asset, run)) return run.take();
  if (!builtin) {
    if (!find_access_permission(s, cmd, permission_token, permission, run)) return run.take();
  }
  if (!check_actor_may_share(s, actor, cmd, *asset, permission, run)) return run.take();
  if (run.codes_only()) return run.ok({});
  return run.ok(set_share_outcome(s, cmd.kind, *asset, cmd.target, target, permission, run.explaining()));
}

// ---- The decision alone (decide_line): the checks above as conditions, nothing built. ----
// The same checks in the same order, with the same codes; a change to one check above must be
// made here too (the tests test_decide_line.cpp and the property test compare the two on every
// kind of line).

LineDecision denied(const char* code) { return {LineOutcome::kDenied, code}; }

// The actor of a decision: resolved already, or its text still to resolve (`pending`), its look-up
// by id started (prefetched) before the line is read and finished along with the line's own.
struct ActorLookup {
  Index index = kNoIndex;
  bool pending = false;
  std::string_view text;
  std::uint64_t id_hash = 0;

  void finish(const Section& s) {
    const IndexSpan found = actor_candidates(s, text, id_hash);
    index = found.size() == 1 ? found.front() : kNoIndex;
    pending = false;
  }
};

// decide_line_coded on an actor resolved already or on the way (decide_line_resolving).
LineDecision decide_plain(const Section& s, ActorLookup& actor, std::string_view line) {
  std::string_view tokens[4];
  std::size_t count = 0;
  if (!split_plain(line, tokens, 4, count)) return {LineOutcome::kNotRead};
  const Command* cmd = count ? find_command(tokens[0]) : nullptr;
  if (!cmd) return denied("");              // "ERROR|Command not found"
  if (count != 4) return denied("010003");  // check 1
  const std::string_view name = tokens[1], permission_token = tokens[2], asset_id = tokens[3];
  Permission permission;
  if (!text_util::is_uuid(asset_id)) return denied("010001");
  const bool builtin = parse_builtin_permission(permission_token, cmd->kind, permission);
  if (!builtin && !text_util::is_uuid(permission_token)) return denied("010001");
  const bool to_user = cmd->target == ShareType::kUser;
  if (!s.directory_is_available()) return denied(to_user ? "070008" : "070009");
  const NameIndex& names = to_user ? s.users_by_name : s.groups_by_name;
  const bool session = cmd->kind == AssetKind::kSession;
  const NameIndex& asset_ids = session ? s.session_by_id : s.recording_by_id;
  // Checks 4 and 7 look up independent keys: both before either answer is tested, so that the
  // processor may overlap their cache misses on a large state. An actor still to resolve is
  // looked up between: the two slots are prefetched first, so that its misses do not delay theirs.
  const std::uint64_t name_hash = names.hash(name), asset_hash = asset_ids.hash(asset_id);
  if (actor.pending) {
    names.prefetch(name_hash);
    asset_ids.prefetch(asset_hash);
    actor.finish(s);
    if (actor.index == kNoIndex) return {LineOutcome::kNotRead};  // the caller raises the error
  }
  const IndexSpan found = names.find_all(name, name_hash);
  const IndexSpan asset_found = asset_ids.find_all(asset_id, asset_hash);
  if (found.size() > 1) return denied(to_user ? "070008" : "070009");  // check 4: ambiguous
  if (found.empty()) return denied(to_user ? "040004" : "040005");     // check 5
  const Index target = found.front();
  if (to_user ? !user_has_role(s, target) : s.groups[target].roles.empty()) {
    return denied(to_user ? "060001" : "060002");  // check 6
  }
  if (asset_found.empty()) return denied(session ? "040006" : "040002");  // check 7
  const Asset& asset = session ? s.sessions[asset_found.front()] : s.recordings[asset_found.front()];
  if (!builtin) {  // check 8
    permission.custom = s.permission_by_id.find(permission_token);
    if (permission.custom == kNoIndex) return denied("040025");
    permission.kind = Permission::kCustom;
  }
  if (!actor_may_share(s, actor.index, *cmd, asset, permission)) return denied("030003");  // check 9
  return {LineOutcome::kAllowed};
}

// A Result of `ok` and its code alone (Detail::kDecision, kOutcome).
Result coded_result(const LineDecision& decided) {
  const Decision decision = decision_of(decided);
  Result result;
  result.ok = decision.ok;
  result.wire = decision.wire;
  return result;
}

}  // namespace

LineDecision decide_line_coded(const Section& s, Index actor, std::string_view line) {
  ActorLookup lookup;
  lookup.index = actor;
  return decide_plain(s, lookup, line);
}

LineDecision decide_line_resolving(const Section& s, std::string_view actor_text, Index& actor, std::string_view line) {
  ActorLookup lookup;
  lookup.text = actor_text;
  lookup.id_hash = s.user_by_id.hash(actor_text);
  s.user_by_id.prefetch(lookup.id_hash);
  lookup.pending = true;
  const LineDecision decided = decide_plain(s, lookup, line);
  if (lookup.pending) lookup.finish(s);
  actor = lookup.index;
  return actor == kNoIndex ? LineDecision{LineOutcome::kNotRead} : decided;
}

LineDecision decide_request_line(const Section& s, const std::optional<std::string>& actor, std::string_view line) {
  if (!actor) return {LineOutcome::kNotRead};
  Index who = kNoIndex;
  return decide_line_resolving(s, *actor, who, line);
}

Result decide_command_line(const Section& s, const std::optional<std::string>& actor, const std::string& line,
                           Detail detail) {
  const LineDecision decided = decide_request_line(s, actor, line);
  if (decided.outcome != LineOutcome::kNotRead) return coded_result(decided);
  // No actor, one that names no single user (resolve_actor raises its error), or a line with a
  // quoted token.
  return run_command_line(s, resolve_actor(s, actor), line, detail);
}

Result run_command_line(const Section& s, Index actor, const std::string& line, Detail detail) {
  if (answers_in_codes(detail)) {
    const LineDecision decided = decide_line_coded(s, actor, line);
    if (decided.outcome != LineOutcome::kNotRead) return coded_result(decided);
  }
  // Most lines hold no quoted token and at most the four a command takes: split in place, no
  // token list allocated.
  std::string_view plain[4];
  std::size_t count = 0;
  if (split_plain(line, plain, 4, count) && count <= 4) {
    const Command* cmd = count ? find_command(plain[0]) : nullptr;
    if (cmd) return run_share_command(s, actor, *cmd, TokenList{plain, count}, detail);
  }
  const Tokens tokens = tokenize_command_line(line);
  if (tokens.unterminated_quote) {
    CommandRun run(s, actor, "hmp.cli", detail);
    run.mark_inferred();
    run.explain("a double quote opens a token that no closing quote ends (answer inferred)");
    run.suggest([&] {
      return request_fix(
          "close the quoted token with a double quote followed by white space or the end "
          "of the line (write \\\" for a quote inside it)");
    });
    return run.error("010001", "InputValidation", "Unterminated quoted string");
  }
  for (const Command& cmd : kCommands) {
    if (!tokens.items.empty() && tokens.items.front() == cmd.name) {
      return run_share_command(s, actor, cmd, TokenList{tokens.items.data(), tokens.items.size()}, detail);
    }
  }
  CommandRun run(s, actor, "hmp.cli", detail);
  run.explain(tokens.items.empty() ? "the line holds no command"
                                   : "HMP has no command " + text_util::quoted(tokens.items.front()) +
                                         " (command names are case-sensitive)");
  run.suggest([&] {
    return unknown_command_fix(tokens.items.empty() ? std::string() : text_util::one_line(tokens.items.front()));
  });
  return run.error("", nullptr, "Command not found");
}

}  // namespace sharepolicy::hmp
