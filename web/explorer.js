// "Who can? / What can?": pick an asset and see every user's effective actions (or role) and the
// paths that give them, or pick a user, group or person and see every asset it reaches. The core
// answers (LoadedState.whoCan / whatCan in the worker); this module only lays the answer out, a
// window of rows at a time ("Show more" asks for the next window).
import { $, el, clear, fillDatalist } from "./dom.js";
import { buildSources, filterOptions } from "./pickers.js";

const PAGE = 50;

// What can be asked in each system: the kinds of asset and principal, and where their picker
// options come from (the worker's sources, pickers.js).
const ASK = {
  hmp: {
    label: "HMP",
    assets: [
      ["recording", "hmp.recordings"],
      ["feed", "hmp.feeds"],
      ["session", "hmp.sessions"],
    ],
    principals: [
      ["user", "hmp.usernames"],
      ["group", "hmp.groupnames"],
    ],
  },
  webex: { label: "Webex", assets: [["recording", "webex.recordings"]], principals: [["person", "webex.emails"]] },
  ocm: {
    label: "OCM",
    assets: [["folder", "ocm.folders"]],
    principals: [
      ["user", "ocm.actor"],
      ["group", "ocm.groupIds"],
    ],
  },
};

function pathText(p) {
  const grant = p.permission ?? p.role;
  switch (p.type) {
    case "owner":
      return "owner";
    case "administrator":
      return "administrator";
    case "direct":
      return grant ? `direct share: ${grant}` : "direct share";
    case "group":
      return `group ${p.group?.name ?? p.group?.id}${grant ? `: ${grant}` : ""}`;
    default:
      return p.type;
  }
}

const isGroup = (o) => o.label?.startsWith("group ");

const canText = (item) => (item.actions ? item.actions.join(", ") || "(no action)" : (item.role ?? ""));

function nameCell(ref) {
  return el("td", {}, ref.name ?? "", " ", el("code", { class: "id" }, ref.id));
}

function viaCell(via) {
  return el(
    "td",
    {},
    el(
      "ul",
      { class: "via" },
      via.map((p) => el("li", { class: `via-${p.type}` }, pathText(p)))
    )
  );
}

export function createExplorer({ call, suggest }) {
  const question = el(
    "select",
    { id: "ex-question" },
    el("option", { value: "who" }, "Who can act on an asset?"),
    el("option", { value: "what" }, "What can a user or group reach?")
  );
  const system = el("select", { id: "ex-system" });
  const kind = el("select", { id: "ex-kind" });
  const target = el("input", { id: "ex-target", list: "ex-target-list", autocomplete: "off", spellcheck: "false" });
  const targetList = el("datalist", { id: "ex-target-list" });
  const ask = el("button", { type: "submit", id: "ex-ask", class: "primary" }, "Ask");
  const status = el("p", { id: "ex-status", class: "hint", role: "status", "aria-live": "polite" });
  const out = el("div", { id: "ex-result" });
  const form = el(
    "form",
    { class: "ex-form" },
    el("div", { class: "field" }, el("label", { for: "ex-question" }, "Question"), question),
    el(
      "div",
      { class: "ex-row" },
      el("div", { class: "field" }, el("label", { for: "ex-system" }, "System"), system),
      el("div", { class: "field" }, el("label", { for: "ex-kind" }, "Kind"), kind)
    ),
    el("div", { class: "field" }, el("label", { for: "ex-target" }, "Id or name"), target, targetList),
    ask
  );
  const panel = el(
    "section",
    { id: "explorer", class: "panel", "aria-labelledby": "ex-h", dataset: { state: "idle" } },
    el("h2", { id: "ex-h" }, "Who can? / What can?"),
    el(
      "p",
      { class: "hint" },
      "Effective access in the loaded state, computed by the engine: direct shares, " +
        "groups, ownership and administrators."
    ),
    form,
    status,
    out
  );
  $(".col-output").append(panel);

  let catalog = null;
  let sources = {};
  let last = null; // { method, query, answer }
  let answered = 0; // answers shown (errors included), for tests and assistive tools

  const kinds = () => (question.value === "who" ? ASK[system.value]?.assets : ASK[system.value]?.principals) ?? [];
  const sourceOf = () => kinds().find(([k]) => k === kind.value)?.[1];

  function fillSystems() {
    const keep = system.value;
    clear(system);
    for (const [id, a] of Object.entries(ASK)) if (catalog?.[id]) system.append(el("option", { value: id }, a.label));
    if ([...system.options].some((o) => o.value === keep)) system.value = keep;
    fillKinds();
  }

  function fillKinds() {
    const keep = kind.value;
    clear(kind);
    for (const [k] of kinds()) kind.append(el("option", { value: k }, k));
    if ([...kind.options].some((o) => o.value === keep)) kind.value = keep;
    refreshList();
  }

  function refreshList() {
    const source = sourceOf();
    const typed = target.value;
    fillDatalist(targetList, filterOptions(sources[source] ?? [], typed));
    if (catalog?.truncated && typed && source) {
      // OCM group ids are among the worker's "ocm.principals" (users and groups).
      const groupsOnly = source === "ocm.groupIds";
      const show = (o) => target.value === typed && fillDatalist(targetList, groupsOnly ? o.filter(isGroup) : o);
      suggest(groupsOnly ? "ocm.principals" : source, typed).then(show, () => {});
    }
  }

  question.addEventListener("change", fillKinds);
  system.addEventListener("change", fillKinds);
  kind.addEventListener("change", refreshList);
  target.addEventListener("input", refreshList);

  function query(offset) {
    const base = { system: system.value, offset, limit: PAGE };
    const id = target.value.trim();
    return question.value === "who"
      ? { ...base, asset: { kind: kind.value, id } }
      : { ...base, principal: { type: kind.value, id } };
  }

  async function run(method, q, append) {
    panel.dataset.state = "pending";
    status.textContent = "Asking the engine…";
    let reply;
    try {
      reply = await call(method, { query: q });
    } catch (e) {
      reply = { error: { code: e.code ?? "INTERNAL", message: e.message, pointer: e.pointer ?? "" } };
    }
    if (reply.error) {
      panel.dataset.state = "error";
      status.textContent = "";
      clear(out).append(
        el(
          "div",
          { class: "input-error", role: "alert" },
          el("p", { class: "error-title" }, reply.error.code),
          el("p", {}, reply.error.message),
          reply.error.pointer ? el("p", { class: "hint" }, `at ${reply.error.pointer} of the question`) : null
        )
      );
      panel.dataset.answered = String(++answered);
      return;
    }
    if (append && last) merge(last.answer, reply.result);
    else last = { method, query: q, answer: reply.result };
    last.query = q;
    render(last.method, last.answer);
    status.textContent = `Answered in ${reply.ms.toFixed(1)} ms.`;
    panel.dataset.state = "ready";
    panel.dataset.answered = String(++answered);
  }

  // "Show more": the next window's items join the ones shown.
  function merge(answer, next) {
    for (const key of ["users", "groups", "assets"]) {
      if (answer[key] && next[key]) answer[key].items.push(...next[key].items);
    }
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!target.value.trim()) {
      status.textContent = "Pick an asset, user or group first.";
      return;
    }
    run(question.value === "who" ? "whoCan" : "whatCan", query(0), false);
  });

  function moreButton(shown, total) {
    if (shown >= total) return null;
    const more = () => run(last.method, { ...last.query, offset: shown }, true);
    const left = total - shown;
    return el(
      "button",
      { type: "button", class: "ex-more", onclick: more },
      `Show ${Math.min(PAGE, left)} more (${left} not shown)`
    );
  }

  function table(caption, head, rows) {
    return el(
      "div",
      { class: "table-wrap" },
      el(
        "table",
        { class: "ex-table" },
        el("caption", {}, caption),
        el(
          "thead",
          {},
          el(
            "tr",
            {},
            head.map((h) => el("th", { scope: "col" }, h))
          )
        ),
        el("tbody", {}, rows)
      )
    );
  }

  function render(method, a) {
    clear(out);
    if (method === "whoCan") {
      const name = a.asset.name ? `'${a.asset.name}' ` : "";
      out.append(
        el(
          "p",
          { class: "ex-head" },
          `${a.asset.kind} ${name}`,
          el("code", { class: "id" }, a.asset.id),
          ": ",
          `${a.users.total} user${a.users.total === 1 ? "" : "s"} can act on it`
        )
      );
      if (a.administrators) {
        out.append(
          el(
            "p",
            { class: "ex-admins" },
            `and ${a.administrators} administrator${a.administrators === 1 ? "" : "s"} ` +
              "hold every action through a role (counted, not listed)."
          )
        );
      }
      const rows = a.users.items.map((h) =>
        el("tr", { class: "ex-row-user" }, nameCell(h.user), el("td", { class: "ex-can" }, canText(h)), viaCell(h.via))
      );
      out.append(
        table(`Users (${a.users.items.length} of ${a.users.total})`, ["User", "Can", "Through"], rows),
        moreButton(a.users.items.length, a.users.total) ?? ""
      );
      if (a.groups.total) {
        const groupRows = a.groups.items.map((g) =>
          el(
            "tr",
            { class: "ex-row-group" },
            nameCell(g.group),
            el("td", {}, g.actions ? `${g.permission}: ${g.actions.join(", ")}` : g.role),
            el("td", {}, String(g.users))
          )
        );
        out.append(
          table(
            `Groups shared with it (${a.groups.items.length} of ${a.groups.total})`,
            ["Group", "Grant", "Users"],
            groupRows
          )
        );
      }
      return;
    }
    const p = a.principal;
    out.append(
      el(
        "p",
        { class: "ex-head" },
        `${p.type} '${p.name}' `,
        el("code", { class: "id" }, p.id),
        ": ",
        `reaches ${a.assets.total} asset${a.assets.total === 1 ? "" : "s"}`,
        p.members !== undefined ? ` (${p.members} member${p.members === 1 ? "" : "s"})` : ""
      )
    );
    if (a.administrator) {
      const through = a.administrator.group ? ` through group '${a.administrator.group.name}'` : "";
      out.append(
        el(
          "p",
          { class: "ex-admins" },
          `Administrator: role '${a.administrator.role}'${through} gives every ` + "action on every asset."
        )
      );
    }
    const rows = a.assets.items.map((x) =>
      el(
        "tr",
        { class: "ex-row-asset" },
        el("td", {}, `${x.kind} `, x.name ?? "", " ", el("code", { class: "id" }, x.id)),
        el("td", { class: "ex-can" }, canText(x)),
        viaCell(x.via)
      )
    );
    out.append(
      table(`Assets (${a.assets.items.length} of ${a.assets.total})`, ["Asset", "Can", "Through"], rows),
      moreButton(a.assets.items.length, a.assets.total) ?? ""
    );
  }

  return {
    // A new state: new picker options. After an apply or undo the answer shown is asked again.
    setCatalog(next) {
      catalog = next;
      sources = buildSources(next);
      const groups = next?.ocm?.groups ?? [];
      sources["ocm.groupIds"] = groups.map((g) => ({ value: g.id, label: `group ${g.displayName ?? ""}` }));
      fillSystems();
    },
    refresh() {
      if (last) run(last.method, { ...last.query, offset: 0, limit: Math.max(PAGE, countShown()) }, false);
    },
    ask(method, q) {
      return run(method, q, false);
    },
  };

  function countShown() {
    const a = last?.answer;
    return Math.min(1000, a ? (a.users ?? a.assets).items.length : PAGE);
  }
}
