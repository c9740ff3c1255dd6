import { describe, expect, it } from "vitest";
import { oneShape, type Understood } from "../../src/answer/record.js";

const read: Understood = { question: "开公司要几天", language: "zh", intent: { kind: "question" }, followUp: { kind: "none" }, text: "开公司要几天", parts: ["开公司要几天"], implied: [], negatedSpans: [], unread: [] };

describe("oneShape", () => {
  it("gives records read with different optional fields the same fields in the same order", () => {
    const followUp = { ...read, explainAgain: true, context: "注销要几天", restrictTo: [{ number: 3 }] };
    const keys = (u: Understood) => Object.keys(oneShape(u));
    expect(keys(followUp)).toEqual(keys(read));
    expect(keys(read)).toContain("inEnglish");
  });

  it("keeps every value and adds no defined one", () => {
    const followUp: Understood = { ...read, context: "注销要几天", picked: { number: 3 } };
    const shaped = oneShape(followUp);
    for (const [k, v] of Object.entries(followUp)) expect(shaped[k as keyof Understood]).toBe(v);
    expect(Object.entries(shaped).filter(([, v]) => v !== undefined).length).toBe(Object.keys(followUp).length);
  });
});
