import { citationLabel } from "../answer/strings.js";
import type { Choice, Language } from "../answer/types.js";
import type { ReloadReport } from "../reload/reloader.js";
import type { ChangedMeasure } from "../search/index-store.js";

const CLARIFY = {
  zh: {
    prompt: "您想问的是下面哪一条措施？",
    choice: (i: number, c: Choice) => `  ${i}. ${citationLabel(c)} ${c.title}：${c.covers}`,
    none: "  0. 都不是，转人工",
    how: "请输入序号选择（如 1，也可以说“第二个”）。",
    handedOff: "好的，这几条都不符合，已把您的问题转给工作人员。",
  },
  en: {
    prompt: "Which of these measures do you mean?",
    choice: (i: number, c: Choice) => `  ${i}. Measure ${c.measure} (${citationLabel(c)}) ${c.title}: ${c.covers}`,
    none: "  0. None of these: talk to a person",
    how: "Type its number (e.g. 1).",
    handedOff: "OK, none of these fits: I have passed your question to our staff.",
  },
} as const;

const changed = (ms: readonly ChangedMeasure[]) => ms.map((m) => `${m.document ? `《${m.document}》` : ""}第${m.number}条`).join("、");
const reloadBy: Record<string, string> = { watch: "文件有改动", signal: "npm run index", command: "/reindex", bus: "其他实例通知" };

/** What the terminal chat itself says (the answers come from the engine). */
export const chatText = {
  welcome: (doc: string) => `克拉玛依营商环境政策助手（终端模式）。依据《${doc}》回答；输入问题后回车，/help 查看命令，Ctrl-D 退出。`,
  help: [
    "直接输入问题，我会引用《措施》原文回答；原文答不了的，会转给工作人员。",
    "/human 问题 — 转人工，由工作人员回复（不写问题则转上一个问题）",
    "/cancel — 结束人工服务",
    "/reindex — 重新加载政策文件（改过 corpus/ 之后；通常会自动加载）",
    "/help — 显示本帮助",
    "Ctrl-D — 退出",
  ].join("\n"),
  unknownCommand: (cmd: string) => `没有“${cmd}”这个命令。输入 /help 查看可用命令，或直接输入您的问题。`,
  stray: (text: string) => `我没能从“${text}”看出您想问什么。请把问题说完整，例如“小微企业办电要几天？”；需要人工请输入 /human 加上您的问题。`,
  humanNeedsQuestion: "请在 /human 后写上您的问题，例如：/human 供水报装要交哪些费用？",
  ticketOpened: (id: number) => `已创建工单 #${id}，工作人员会尽快回复您（staff: npm run tickets -- answer ${id} "答复"）。`,
  ticketAlreadyActive: (id: number) => `您已有进行中的工单 #${id}。补充说明请直接输入；输入 /cancel 结束人工服务。`,
  handoffUnavailable: "抱歉，暂时无法转给工作人员（工单未能保存），请稍后再试。",
  followUpAdded: (id: number) => `已补充到工单 #${id}，工作人员会一并查看。输入 /cancel 结束人工服务。`,
  followUpUnavailable: (id: number) => `抱歉，补充内容暂时未能保存到工单 #${id}，请稍后再输入一次。`,
  cancelled: (id: number) => `已结束工单 #${id} 的人工服务，您可以继续提问。`,
  cancelUnavailable: (id: number) => `抱歉，暂时无法结束工单 #${id}，请稍后再试。`,
  nothingToCancel: "当前没有进行中的人工服务。",
  staffReply: (id: number, body: string) => `【工作人员回复 · 工单 #${id}】\n${body}`,
  claimed: (id: number) => `工单 #${id} 已由工作人员受理。`,
  closed: (id: number) => `工单 #${id} 已关闭。`,
  reopened: (id: number) => `工作人员重新打开了工单 #${id}，会继续跟进；补充说明请直接输入，输入 /cancel 结束人工服务。`,
  /** A clarify: the choices numbered, 0 for none of them; in the question's language. */
  clarify: (choices: readonly Choice[], language: Language = "zh") => {
    const w = CLARIFY[language];
    return [w.prompt, ...choices.map((c, i) => w.choice(i + 1, c)), w.none, w.how].join("\n");
  },
  clarifyHandedOff: (language: Language = "zh") => CLARIFY[language].handedOff,
  // Stored in the ticket, for staff.
  questionInContext: (question: string, context: string) => `${question}\n（接上文：${context}）`,
  questionWithContext: (previous: string, text: string) => `${previous}\n（用户随后请求人工：${text}）`,
  noneOfTheseTicket: (question: string) => `${question}\n（机器人列出的几条措施用户认为都不符合）`,
  prompt: (activeTicket: number | null) => (activeTicket === null ? "> " : `[工单 #${activeTicket} 人工服务中 · /cancel 结束] > `),
  bye: "再见！",
  /** A reload while the chat runs: what changed, or the file:line of a refused change. */
  reload: (r: ReloadReport, measuresServed: number): string => {
    const by = reloadBy[r.reason.source] ?? r.reason.source;
    switch (r.kind) {
      case "reloaded": {
        const c = r.changes;
        const what =
          c.added.length + c.changed.length + c.removed.length === 0
            ? "措施条文没有变化（词表、部门别名或英文术语表有更新）。"
            : `新增 ${c.added.length} 条${c.added.length ? `（${changed(c.added)}）` : ""}，修改 ${c.changed.length} 条${c.changed.length ? `（${changed(c.changed)}）` : ""}，删除 ${c.removed.length} 条${c.removed.length ? `（${changed(c.removed)}）` : ""}。`;
        return `【政策库已更新 · ${by}】${what}现依据${r.documents.map((d) => `《${d.title}》`).join("")}回答，共 ${r.measures} 条措施。`;
      }
      case "failed":
        return `【政策文件有误，没有更新 · ${by}】${r.where ? `${r.where.file}:${r.where.line}: ` : ""}${r.problem}\n仍按原来的版本回答（${r.measures} 条措施）。改正后保存文件即可重新加载，或输入 /reindex。`;
      case "unchanged":
        return r.recovered ? `【政策库】文件已改回正在使用的版本（${measuresServed} 条措施）。` : `【政策库】文件没有变化，继续按当前版本回答（${measuresServed} 条措施）。`;
    }
  },
};
