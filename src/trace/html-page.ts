/**
 * The shell shared by the trace viewer and the run report: one self-contained HTML page with its
 * CSS and script inline. Nothing is loaded from the network (a strict Content-Security-Policy
 * says so to the browser too).
 */

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

/** JSON that is safe inside `<script type="application/json">`. */
export const jsonForScript = (v: unknown): string =>
  JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')

const BASE_CSS = `
:root { --fg:#1d2329; --muted:#5f6b76; --line:#d5dbe1; --bg:#fff; --panel:#f6f8fa; --accent:#0b62d6;
  --bad:#c62828; --good:#2e7d32; --warn:#d9822b; --hl:#fff4c2; --cur:#e3eefc; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--fg); background:var(--bg); }
header { padding:12px 20px; border-bottom:1px solid var(--line); background:var(--panel); }
header h1 { font-size:18px; margin:0 0 4px; }
header .meta { color:var(--muted); font-size:13px; }
code, pre, .mono { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:12.5px; }
table { border-collapse:collapse; }
th, td { text-align:left; padding:3px 10px 3px 0; vertical-align:top; }
th { color:var(--muted); font-weight:600; }
a { color:var(--accent); }
.verdict-violated { color:var(--bad); font-weight:600; }
.verdict-holds { color:var(--good); font-weight:600; }
.verdict-unknown, .verdict-not-checked, .verdict-vacuous { color:var(--warn); font-weight:600; }
`

export function page(title: string, css: string, body: string, script = ''): string {
  const csp = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${BASE_CSS}${css}</style>
</head>
<body>
${body}
${script ? `<script>${script}</script>` : ''}
</body>
</html>
`
}
