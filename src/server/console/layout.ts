/** The frame of every console page: navigation by role, who is logged in, the logout form. */
import type { User } from "../../users/types.js";
import { html, type Html } from "./html.js";
import { CS } from "./strings.js";

export interface PageView {
  title: string;
  body: Html;
  /** Absent on the login page. */
  user?: User;
  csrf?: string;
  /** Which navigation entry is current. */
  section?: keyof typeof CS.nav;
  /** A notice above the content: done (green) or problem (red). */
  notice?: { kind: "done" | "problem"; text: string } | null;
}

const NAV: Array<{ key: keyof typeof CS.nav; href: string; maintainer: boolean }> = [
  { key: "tickets", href: "tickets", maintainer: false },
  { key: "dashboard", href: "dashboard", maintainer: false },
  { key: "faq", href: "faq", maintainer: true },
  { key: "policy", href: "policy", maintainer: true },
  { key: "audit", href: "audit", maintainer: true },
];

/** Links are absolute under /console/ (`base`), so a page rendered for a form's POST links the same way. */
export function layout(view: PageView, base = "/console/"): Html {
  const { user } = view;
  const nav = user
    ? html`<nav class="nav">${NAV.filter((n) => !n.maintainer || user.role === "maintainer").map(
        (n) => html`<a href="${base}${n.href}"${n.key === view.section ? html` aria-current="page"` : ""}>${CS.nav[n.key]}</a>`,
      )}</nav>
      <form class="who" method="post" action="${base}logout"><span>${user.name} · ${CS.role[user.role]}</span><input type="hidden" name="_csrf" value="${view.csrf ?? ""}"><button type="submit" class="link">${CS.logout}</button></form>`
    : "";
  const notice = view.notice ? html`<p class="notice ${view.notice.kind}" role="status">${view.notice.text}</p>` : "";
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${view.title} · ${CS.product}</title>
<link rel="stylesheet" href="${base}assets/console.css">
<script src="${base}assets/console.js" defer></script>
</head>
<body>
<header class="top"><a class="brand" href="${base}tickets">${CS.product}</a>${nav}</header>
<main>
<h1>${view.title}</h1>
${notice}
${view.body}
</main>
</body>
</html>
`;
}

export const formatTime = (ms: number | null): string => {
  if (ms === null) return "—";
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};
