/**
 * How staff-facing front ends in Chinese name a ticket's status, its events and its messages
 * (npm run tickets, the web console): one wording wherever staff read them.
 */
import type { DeliveryKind, TicketEventKind, TicketStatus } from "./types.js";

export const TICKET_STATUS_ZH = { open: "待处理", claimed: "处理中", answered: "已答复", closed: "已关闭" } satisfies Record<TicketStatus, string>;

export const TICKET_EVENT_ZH = {
  opened: "提交工单",
  "follow-up": "追问",
  claimed: "认领",
  "staff-reply": "答复",
  closed: "关闭",
  reopened: "重新打开",
  cancelled: "提问者撤销",
  "asker-blocked": "提问者屏蔽了机器人",
  "delivery-failed": "消息未能送达",
  "delivery-uncertain": "消息可能未送达",
  resent: "重发未送达的消息",
} satisfies Record<TicketEventKind, string>;

export const DELIVERY_KIND_ZH = {
  "ticket-opened": "受理通知（给提问者）",
  "ticket-claimed": "认领通知（给提问者）",
  "staff-reply": "工作人员答复（给提问者）",
  "ticket-closed": "关闭通知（给提问者）",
  "ticket-reopened": "重新打开通知（给提问者）",
  "staff-card": "工单卡片（工作群）",
  "card-update": "卡片更新（工作群）",
  "follow-up": "提问者补充（工作群）",
  "delivery-alert": "送达提醒（工作群）",
  "faq-card": "FAQ 候选卡片（工作群）",
  "faq-card-update": "FAQ 卡片更新（工作群）",
} satisfies Record<DeliveryKind, string>;
