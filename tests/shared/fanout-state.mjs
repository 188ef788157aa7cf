// A state whose one HMP recording is shared with `groups` groups of three users each (docs/ACCESS.md
// "Bounded lists", issue 16 item 6), shared by the CLI and package tests of bounded access lists.
export const uuid = (kind, n) => `${String(kind).padStart(8, "0")}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

export function fanoutState(groups) {
  const hmp = {
    roles: [
      { name: "Admin", administrator: true },
      { name: "Viewer", administrator: false },
    ],
    groups: [],
    users: [
      { id: uuid(1, 0), username: "admin", roles: ["Admin"], groups: [] },
      { id: uuid(1, 1), username: "newbie", roles: ["Viewer"], groups: [] },
    ],
    recordings: [{ id: uuid(4, 0), owner: uuid(1, 0), shares: [] }],
  };
  for (let g = 0; g < groups; g++) {
    hmp.groups.push({ id: uuid(2, g), groupname: `g${g}`, roles: ["Viewer"] });
    for (let k = 0; k < 3; k++) {
      hmp.users.push({ id: uuid(3, g * 3 + k), username: `u${g}_${k}`, roles: [], groups: [uuid(2, g)] });
    }
    hmp.recordings[0].shares.push({ id: uuid(2, g), shareType: "GROUP", permission: "WATCH" });
  }
  return { hmp };
}

// The admin shares the widely shared recording with one more user.
export const fanoutRequest = { actor: "admin", cli: `shareRecordingWithUser newbie WATCH ${uuid(4, 0)}` };
