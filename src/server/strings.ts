/**
 * Every text the HTTP server gives a person (Chinese first): messages about API and web-chat
 * tickets, and how askers are named to staff. Error messages for developers stay in English.
 */
import type { DeliveryKind } from "../handoff/types.js";

export const SS = {
  ticketOpened: (id: number) => `已为您创建工单 #${id}，工作人员会尽快回复您。`,
  ticketClaimed: (id: number) => `工单 #${id} 已由工作人员受理。`,
  staffReply: (id: number, text: string) => `工单 #${id} 工作人员回复：\n${text}`,
  ticketClosed: (id: number) => `工单 #${id} 已关闭。如还有问题，可以重新提问。`,
  ticketReopened: (id: number) => `工单 #${id} 已重新打开，工作人员会继续跟进。`,
  /** How an API asker is named on the staff card: name and channel. */
  apiAsker: (name: string, channel: string) => `${name}（${channel}）`,
  webAsker: (session: string) => `网页访客 ${session.slice(0, 6)}（网页咨询）`,
} as const;

/** The text of a message to an API or web-chat asker. */
export function askerMessageText(kind: DeliveryKind, ticketId: number, body: string | null): string {
  switch (kind) {
    case "ticket-opened":
      return SS.ticketOpened(ticketId);
    case "ticket-claimed":
      return SS.ticketClaimed(ticketId);
    case "staff-reply":
      return SS.staffReply(ticketId, body ?? "");
    case "ticket-closed":
      return SS.ticketClosed(ticketId);
    case "ticket-reopened":
      return SS.ticketReopened(ticketId);
    default:
      // Staff-chat kinds never go to an asker.
      return "";
  }
}
