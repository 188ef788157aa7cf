// One line per performance target, the same shape for every target (issue 11; load targets reuse
// it): `target <name>: measured X, goal Y, met|not met`. A target with no measurement (the engine
// or size was not run) says so instead of guessing.
//   targetLine("batch S", { measured: 0.41, goal: 0.5, unit: "× CASL" })
//   targetLine("load M", { measured: 2.1, goal: 3, unit: "× JSON.parse" })
// `atMost` (default true): met when measured <= goal; false: met when measured >= goal.
const fmt = (x) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

export function targetLine(name, { measured, goal, unit = "", atMost = true }) {
  const u = unit ? ` ${unit}` : "";
  const relation = atMost ? "≤" : "≥";
  if (measured === undefined || measured === null || Number.isNaN(measured)) {
    return `target ${name}: measured –, goal ${relation} ${fmt(goal)}${u}, not measured`;
  }
  const met = atMost ? measured <= goal : measured >= goal;
  return `target ${name}: measured ${fmt(measured)}${u}, goal ${relation} ${fmt(goal)}${u}, ${met ? "met" : "not met"}`;
}
