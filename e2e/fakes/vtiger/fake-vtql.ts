/**
 * A small VTQL (Vtiger Query Language) parser and evaluator for the fake
 * server: SELECT * | fields | count(*) FROM Module [WHERE …] [ORDER BY …]
 * [LIMIT [offset,] count]; (the semicolon is required, quotes are escaped by doubling) with =, !=, <>, <, >, <=, >=, LIKE, NOT LIKE, IN,
 * AND, OR and parentheses. Like MySQL behind Vtiger, text comparison ignores
 * case. Test code only.
 */

export class VtqlSyntaxError extends Error {}

type Token =
  | { kind: "ident"; value: string }
  | { kind: "string"; value: string }
  | { kind: "number"; value: string }
  | { kind: "symbol"; value: string };

export type Condition =
  | { kind: "and" | "or"; left: Condition; right: Condition }
  | { kind: "compare"; field: string; op: "=" | "!=" | "<" | ">" | "<=" | ">="; value: string }
  | { kind: "like"; field: string; pattern: string; negate: boolean }
  | { kind: "in"; field: string; values: string[]; negate: boolean };

export interface VtqlQuery {
  /** "*" for every field, "count" for count(*), else the listed field names. */
  select: "*" | "count" | string[];
  module: string;
  where?: Condition;
  orderBy: { field: string; desc: boolean }[];
  offset: number;
  /** undefined when the query has no LIMIT. */
  limit?: number;
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'" || ch === '"') {
      let value = "";
      i++;
      for (;;) {
        // An unterminated string ends the input; the parser reports what came before it.
        if (i >= input.length) break;
        const c = input[i]!;
        // A backslash escapes nothing in VTQL: 'O\'Brien' ends at the second quote (recorded 37).
        if (c === ch && input[i + 1] === ch) {
          value += ch;
          i += 2;
        } else if (c === ch) {
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      tokens.push({ kind: "string", value });
    } else if (/[0-9]/.test(ch) || (ch === "-" && /[0-9]/.test(input[i + 1] ?? ""))) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(input.slice(i))!;
      tokens.push({ kind: "number", value: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(input.slice(i))!;
      tokens.push({ kind: "ident", value: m[0] });
      i += m[0].length;
    } else {
      const two = input.slice(i, i + 2);
      if (["!=", "<>", "<=", ">="].includes(two)) {
        tokens.push({ kind: "symbol", value: two === "<>" ? "!=" : two });
        i += 2;
      } else if ("*,();=<>".includes(ch)) {
        tokens.push({ kind: "symbol", value: ch });
        i++;
      } else {
        throw new VtqlSyntaxError(`unexpected character '${ch}'`);
      }
    }
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }
  private next(): Token {
    const t = this.tokens[this.pos++];
    if (!t) throw new VtqlSyntaxError("unexpected end of query");
    return t;
  }
  private isKeyword(word: string, t = this.peek()): boolean {
    return t?.kind === "ident" && t.value.toLowerCase() === word;
  }
  private expectKeyword(word: string): void {
    const t = this.next();
    if (!this.isKeyword(word, t)) throw new VtqlSyntaxError(`expected ${word.toUpperCase()}`);
  }
  private isSymbol(s: string, t = this.peek()): boolean {
    return t?.kind === "symbol" && t.value === s;
  }
  private expectSymbol(s: string): void {
    if (!this.isSymbol(s, this.next())) throw new VtqlSyntaxError(`expected '${s}'`);
  }
  private ident(): string {
    const t = this.next();
    if (t.kind !== "ident") throw new VtqlSyntaxError("expected a name");
    return t.value;
  }
  private value(): string {
    const t = this.next();
    if (t.kind !== "string" && t.kind !== "number") throw new VtqlSyntaxError("expected a value");
    return t.value;
  }
  private integer(): number {
    const t = this.next();
    if (t.kind !== "number" || !/^[0-9]+$/.test(t.value)) throw new VtqlSyntaxError("expected a whole number");
    return Number(t.value);
  }

  private semicolonExpected(afterLimit: boolean): string {
    const t = this.peek();
    if (!t) return `token '${this.tokens[this.pos - 1]?.value ?? ""}' Unexpected End of Input(0), expected one of: SEMICOLON`;
    const kind = t.kind === "ident" ? (afterLimit ? "VALUE" : "COLUMNNAME") : t.kind === "symbol" ? "SYMBOL" : "VALUE";
    return `token '${t.value}' Unexpected ${kind}(${t.value}), expected one of: SEMICOLON`;
  }

  parse(): VtqlQuery {
    this.expectKeyword("select");
    let select: VtqlQuery["select"];
    if (this.isSymbol("*")) {
      this.next();
      select = "*";
    } else if (this.isKeyword("count")) {
      this.next();
      this.expectSymbol("(");
      this.expectSymbol("*");
      this.expectSymbol(")");
      select = "count";
    } else {
      const fields = [this.ident()];
      while (this.isSymbol(",")) {
        this.next();
        fields.push(this.ident());
      }
      select = fields;
    }
    this.expectKeyword("from");
    const moduleName = this.ident();
    let where: Condition | undefined;
    if (this.isKeyword("where")) {
      this.next();
      where = this.orExpr();
    }
    const orderBy: VtqlQuery["orderBy"] = [];
    if (this.isKeyword("order")) {
      this.next();
      this.expectKeyword("by");
      do {
        if (this.isSymbol(",")) this.next();
        const field = this.ident();
        let desc = false;
        if (this.isKeyword("asc")) this.next();
        else if (this.isKeyword("desc")) {
          this.next();
          desc = true;
        }
        orderBy.push({ field, desc });
      } while (this.isSymbol(","));
    }
    let offset = 0;
    let limit: number | undefined;
    if (this.isKeyword("limit")) {
      this.next();
      const first = this.integer();
      if (this.isSymbol(",")) {
        this.next();
        offset = first;
        limit = this.integer();
      } else {
        limit = first;
      }
    }
    // Vtiger's grammar ends every statement with a semicolon; its messages are recorded (35, 37, 44).
    if (!this.isSymbol(";")) throw new VtqlSyntaxError(this.semicolonExpected(limit !== undefined));
    this.next();
    if (this.pos !== this.tokens.length) throw new VtqlSyntaxError("unexpected text after the query");
    return { select, module: moduleName, where, orderBy, offset, limit };
  }

  private orExpr(): Condition {
    let left = this.andExpr();
    while (this.isKeyword("or")) {
      this.next();
      left = { kind: "or", left, right: this.andExpr() };
    }
    return left;
  }
  private andExpr(): Condition {
    let left = this.primary();
    while (this.isKeyword("and")) {
      this.next();
      left = { kind: "and", left, right: this.primary() };
    }
    return left;
  }
  private primary(): Condition {
    if (this.isSymbol("(")) {
      this.next();
      const inner = this.orExpr();
      this.expectSymbol(")");
      return inner;
    }
    const field = this.ident();
    let negate = false;
    if (this.isKeyword("not")) {
      this.next();
      negate = true;
    }
    if (this.isKeyword("like")) {
      this.next();
      return { kind: "like", field, pattern: this.value(), negate };
    }
    if (this.isKeyword("in")) {
      this.next();
      this.expectSymbol("(");
      const values = [this.value()];
      while (this.isSymbol(",")) {
        this.next();
        values.push(this.value());
      }
      this.expectSymbol(")");
      return { kind: "in", field, values, negate };
    }
    if (negate) throw new VtqlSyntaxError("expected LIKE or IN after NOT");
    const op = this.next();
    if (op.kind !== "symbol" || !["=", "!=", "<", ">", "<=", ">="].includes(op.value)) {
      throw new VtqlSyntaxError("expected a comparison");
    }
    return { kind: "compare", field, op: op.value as "=", value: this.value() };
  }
}

/** Parses one VTQL statement; throws VtqlSyntaxError on anything it does not understand. */
export function parseVtql(input: string): VtqlQuery {
  return new Parser(tokenize(input)).parse();
}

/** Every field a condition reads (for "unknown field" checks). */
export function conditionFields(c: Condition | undefined): string[] {
  if (!c) return [];
  if ("left" in c) return [...conditionFields(c.left), ...conditionFields(c.right)];
  return [c.field];
}

function likeToRegExp(pattern: string): RegExp {
  let src = "";
  for (const ch of pattern) {
    if (ch === "%") src += ".*";
    else if (ch === "_") src += ".";
    else src += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${src}$`, "is");
}

/** Compares the way MySQL would: numerically when both sides are numbers, else case-insensitively. */
export function compareValues(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a.trim() !== "" && b.trim() !== "" && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : 0;
}

/** Whether a row (field → string value) satisfies a condition. */
export function matches(row: Record<string, string>, c: Condition | undefined): boolean {
  if (!c) return true;
  switch (c.kind) {
    case "and":
      return matches(row, c.left) && matches(row, c.right);
    case "or":
      return matches(row, c.left) || matches(row, c.right);
    case "like": {
      const hit = likeToRegExp(c.pattern).test(row[c.field] ?? "");
      return c.negate ? !hit : hit;
    }
    case "in": {
      const v = row[c.field] ?? "";
      const hit = c.values.some((x) => compareValues(v, x) === 0);
      return c.negate ? !hit : hit;
    }
    case "compare": {
      const cmp = compareValues(row[c.field] ?? "", c.value);
      switch (c.op) {
        case "=":
          return cmp === 0;
        case "!=":
          return cmp !== 0;
        case "<":
          return cmp < 0;
        case ">":
          return cmp > 0;
        case "<=":
          return cmp <= 0;
        case ">=":
          return cmp >= 0;
      }
    }
  }
}
