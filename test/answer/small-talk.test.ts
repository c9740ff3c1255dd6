import { describe, expect, it } from "vitest";
import { botAskedAmidChat, withoutBotQuestions } from "../../src/answer/small-talk.js";

const never = () => false;

describe("botAskedAmidChat", () => {
  it.each(["退休在家闲得慌，找你谝谝闲传，你是AI吧", "我在白碱滩开了个小饭馆，你是机器人吗", "先跟你唠两句，跟我说话的是真人还是机器"])("%s → about", (q) => {
    expect(botAskedAmidChat(q, never)).toBe("about");
  });

  it.each([
    "你是机器人还是真人", // one clause: smallTalkTopic reads it
    "开公司要几天，你是真人吗", // a clause asks
    "窗口态度太差了，你是真人吗", // a grievance
    "我想了解退休一件事，你是机器人吗", // a wish to know
    "I just moved here, are you a bot?", // English is read elsewhere
    "随便聊两句，天气不错", // nothing asked of the bot
  ])("(guard) %s → null", (q) => {
    expect(botAskedAmidChat(q, never)).toBeNull();
  });

  it("a clause asking otherwise (a person) keeps it from being chat", () => {
    expect(botAskedAmidChat("你是真人吗，找个人跟我说", (c) => c.includes("找个人"))).toBeNull();
  });
});

describe("withoutBotQuestions", () => {
  it("drops the clauses asking what the bot is", () => {
    expect(withoutBotQuestions("退休手续能一次办吗，你是真人吗")).toBe("退休手续能一次办吗，");
  });

  it("keeps a message of one clause whole", () => {
    expect(withoutBotQuestions("有没有真人")).toBe("有没有真人");
  });
});
