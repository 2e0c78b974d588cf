/**
 * Parses the source article (Markdown) into one entry per question occurrence: "#### N. question" headings
 * and "N. **question**" list items, with their 答案 / 解析 / 题目 blocks and code fences.
 */

export type CodeBlock = { language: string; code: string };

export type ArticleEntry = {
  /** 1-based line of the question heading. */
  line: number;
  /** The enclosing "###" section (and "####" sub-heading when the questions are list items under it). */
  section: string;
  heading: string;
  statement: string;
  answer: string;
  explanation: string;
  code: CodeBlock[];
};

type Field = "statement" | "answer" | "explanation" | "code-intro";

const SECTION = /^###\s+(.+?)\s*$/;
const NUMBERED_HEADING = /^####\s+(\d+)[.．]\s*(.+?)\s*$/;
const OTHER_HEADING = /^####\s+(.+?)\s*$/;
const NUMBERED_BOLD_ITEM = /^(\d+)[.．]\s+\*\*(.+?)\*\*\s*$/;
const FENCE = /^(\s*)```\s*([\w+#-]*)\s*$/;
const LABELS: { pattern: RegExp; field: Field }[] = [
  { pattern: /^\*\*答案[：:]\*\*\s*/, field: "answer" },
  { pattern: /^\*\*解析[：:]\*\*\s*/, field: "explanation" },
  { pattern: /^\*\*题目[：:]\*\*\s*/, field: "statement" },
  { pattern: /^\*\*示例代码[：:]\*\*\s*/, field: "code-intro" },
];

function dedent(lines: string[], indent: number): string {
  return lines
    .map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length)))
    .join("\n")
    .replace(/\s+$/, "");
}

function appendText(current: string, line: string): string {
  const trimmed = line.trim();
  if (trimmed === "") return current === "" || current.endsWith("\n\n") ? current : `${current}\n`;
  return current === "" || current.endsWith("\n") ? `${current}${trimmed}\n` : `${current}${trimmed}\n`;
}

export function parseArticle(markdown: string): ArticleEntry[] {
  const lines = markdown.split(/\r?\n/);
  const entries: ArticleEntry[] = [];
  let section = "";
  let subsection = "";
  let current: ArticleEntry | null = null;
  let field: Field = "answer";

  const finish = () => {
    if (!current) return;
    for (const key of ["statement", "answer", "explanation"] as const) current[key] = current[key].trim();
    entries.push(current);
    current = null;
  };
  const start = (line: number, heading: string, where: string) => {
    finish();
    current = { line, section: where, heading: heading.trim(), statement: "", answer: "", explanation: "", code: [] };
    field = "answer";
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = FENCE.exec(line);
    if (fence) {
      const indent = fence[1].length;
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && !/^\s*```\s*$/.test(lines[j])) body.push(lines[j++]);
      if (current) (current as ArticleEntry).code.push({ language: fence[2] || "text", code: dedent(body, indent) });
      i = j;
      continue;
    }
    let match = SECTION.exec(line);
    if (match) {
      finish();
      section = match[1];
      subsection = "";
      continue;
    }
    match = NUMBERED_HEADING.exec(line);
    if (match) {
      start(i + 1, match[2], section);
      continue;
    }
    match = OTHER_HEADING.exec(line);
    if (match) {
      finish();
      subsection = match[1];
      continue;
    }
    match = NUMBERED_BOLD_ITEM.exec(line);
    if (match && subsection !== "") {
      start(i + 1, match[2], `${section} / ${subsection}`);
      continue;
    }
    if (!current) continue;
    const entry: ArticleEntry = current;
    const trimmed = line.trim();
    const label = LABELS.find((l) => l.pattern.test(trimmed));
    if (label) {
      field = label.field;
      const rest = trimmed.replace(label.pattern, "");
      if (field !== "code-intro" && rest !== "") entry[field] = appendText(entry[field], rest);
      continue;
    }
    if (field !== "code-intro") entry[field] = appendText(entry[field], line);
  }
  finish();
  return entries;
}
