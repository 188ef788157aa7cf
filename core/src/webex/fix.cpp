#include "webex/fix.h"

#include "common/closest_names.h"
#include "common/text_util.h"
#include "engine/vendor_run.h"

namespace sharepolicy::webex {
Fix request_fix(const std::string& what) { return make_fix("request", "correct the request: " + what); }

Fix unauthenticated_fix() {
  return make_fix("request", "authenticate: send the call with an access token (give the request an actor)");
}

Fix missing_scope_fix(const std::string& scope) {
  return make_fix("request", "add the scope " + scope + " to the token (an administrator's token with that scope)");
}

Fix too_many_ids_fix(std::size_t count, std::size_t cap) {
  return make_fix("request", "split recordingIds into calls of at most " + std::to_string(cap) + " ids (" +
                                 std::to_string(count) + " ids: " + std::to_string((count + cap - 1) / cap) +
                                 " calls)");
}

Fix email_not_found_fix(const Section& s, const char* field, const std::string& email, std::size_t matches) {
  if (matches > 1) {
    return make_fix("state", std::to_string(matches) + " people have the email " + text_util::quoted(email) +
                                 " apart from case, so the look-up is refused: correct the duplicate in the directory" +
                                 (std::string(field) == "ownerEmail" ? ", or select by ownerID" : ""));
  }
  text_util::ClosestNames closest(email);
  auto email_of = [&](std::size_t i) -> const std::string& { return s.people[i].email; };
  for (auto i : s.email_order.candidates(email, email_of)) closest.consider(email_of(i));
  const auto best = closest.best();
  return make_fix("request",
                  std::string("no person has the ") + field + " " + text_util::quoted(email) + ": check the spelling" +
                      (best.empty() ? " (no email is close)" : " (closest: " + text_util::quoted_list(best) + ")"));
}

Fix destination_not_user_fix(const Section& s, Index person) {
  const Person& p = s.people[person];
  const bool user = p.type == PersonType::kUser;
  return make_fix("request", "choose an active user as reassignOwnerEmail: " + text_util::quoted(p.email) + " is " +
                                 (user ? "an inactive user" : "not a user") +
                                 ", and only an active org user may "
                                 "receive recordings");
}

Fix owner_id_not_found_fix(const std::string& id) {
  return make_fix("request",
                  "no person has the ownerID " + text_util::quoted(id) + ": check the id, or select by ownerEmail");
}

Fix recordings_not_found_fix(const std::vector<std::string>& missing) {
  return make_fix("request",
                  "drop the ids that name no recording from recordingIds: " + text_util::quoted_list(missing));
}

}  // namespace sharepolicy::webex
