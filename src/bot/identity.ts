import type { Context } from "grammy";
import type { User } from "grammy/types";
import type { Config } from "../config.js";
import type { Asker, Staff } from "../handoff/types.js";

/** "First Last (@username)", falling back to the id. Not trusted, only displayed (always escaped). */
export function displayNameOf(user: User): string {
  const name = [user.first_name, user.last_name].filter((s) => s && s.trim()).join(" ").trim();
  const handle = user.username ? `@${user.username}` : "";
  if (name && handle) return `${name} (${handle})`;
  return name || handle || `user ${user.id}`;
}

/** The asker behind a private-chat update; null when the update has no chat or sender. */
export function askerOf(ctx: Context): Asker | null {
  if (!ctx.chat || !ctx.from) return null;
  return { channel: "telegram", chatId: String(ctx.chat.id), userId: String(ctx.from.id), displayName: displayNameOf(ctx.from) };
}

export function staffOf(ctx: Context): Staff | null {
  if (!ctx.from) return null;
  return { userId: String(ctx.from.id), displayName: displayNameOf(ctx.from) };
}

export function isStaffChat(ctx: Context, config: Config): boolean {
  const staffChat = config.telegram.staffChatId;
  return staffChat !== null && ctx.chat !== undefined && String(ctx.chat.id) === staffChat;
}

/** Staff are the members of the staff chat (acting there) and the listed staff user ids (anywhere). */
export function isStaff(ctx: Context, config: Config): boolean {
  if (isStaffChat(ctx, config)) return true;
  return ctx.from !== undefined && config.telegram.staffUserIds.includes(String(ctx.from.id));
}
