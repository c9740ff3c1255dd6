/** What the terminal chat itself says (the answers come from the engine). */
export const chatText = {
  welcome: (doc: string) => `克拉玛依营商环境政策助手（终端模式）。依据《${doc}》回答；输入问题后回车，/cancel 结束人工服务，Ctrl-D 退出。`,
  ticketOpened: (id: number) => `已创建工单 #${id}，工作人员会尽快回复您（staff: npm run tickets -- answer ${id} "答复"）。`,
  followUpAdded: (id: number) => `已补充到工单 #${id}，工作人员会一并查看。输入 /cancel 结束人工服务。`,
  cancelled: (id: number) => `已结束工单 #${id} 的人工服务，您可以继续提问。`,
  nothingToCancel: "当前没有进行中的人工服务。",
  staffReply: (id: number, body: string) => `【工作人员回复 · 工单 #${id}】\n${body}`,
  claimed: (id: number) => `工单 #${id} 已由工作人员受理。`,
  closed: (id: number) => `工单 #${id} 已关闭。`,
  bye: "再见！",
};
