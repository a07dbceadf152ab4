// The `$filter` subset of `/users` Graph serves without advanced query headers: `eq` and `in` on
// string and boolean properties, `startsWith`, and `any` lambdas on `proxyAddresses`/`otherMails`,
// combined with `and`, `or` and parentheses.
import type { User } from '../world/types.js';
import { GraphErrors } from './errors.js';
import { userPropertyValue } from './user-shape.js';

type Token =
  | { kind: 'ident'; value: string }
  | { kind: 'string'; value: string }
  | { kind: 'literal'; value: boolean | null }
  | { kind: 'punct'; value: '(' | ')' | ',' | ':' | '/' };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === "'") {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length) throw invalid();
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += text[i];
        i += 1;
      }
      tokens.push({ kind: 'string', value });
    } else if ('(),:/'.includes(ch)) {
      tokens.push({ kind: 'punct', value: ch as '(' });
      i += 1;
    } else {
      const m = /^[A-Za-z_$][A-Za-z0-9_.$]*/.exec(text.slice(i));
      if (!m) throw invalid();
      const word = m[0];
      const lower = word.toLowerCase();
      if (lower === 'true' || lower === 'false') {
        tokens.push({ kind: 'literal', value: lower === 'true' });
      } else if (lower === 'null') tokens.push({ kind: 'literal', value: null });
      else tokens.push({ kind: 'ident', value: word });
      i += word.length;
    }
  }
  return tokens;
}

const invalid = () => GraphErrors.badRequest('Invalid filter clause');
const unsupported = (prop: string) =>
  GraphErrors.unsupportedQuery(
    `Unsupported or invalid query filter clause specified for property '${prop}' of resource 'User'.`,
  );

const EQ_PROPS = new Set([
  'id',
  'mail',
  'userprincipalname',
  'displayname',
  'givenname',
  'surname',
  'jobtitle',
  'accountenabled',
  'usertype',
  'mailnickname',
]);
const STARTSWITH_PROPS = new Set([
  'mail',
  'userprincipalname',
  'displayname',
  'givenname',
  'surname',
  'jobtitle',
  'mailnickname',
]);
const COLLECTION_PROPS = new Set(['proxyaddresses', 'othermails']);

export type UserPredicate = (user: User) => boolean;

const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
// Directory string comparisons are case-insensitive.
const equal = (a: unknown, b: unknown) => lower(a) === lower(b);
const startsWith = (a: unknown, prefix: string) =>
  typeof a === 'string' && a.toLowerCase().startsWith(prefix.toLowerCase());

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): UserPredicate {
    const expr = this.orExpr();
    if (this.pos !== this.tokens.length) throw invalid();
    return expr;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(): Token {
    const t = this.tokens[this.pos];
    if (!t) throw invalid();
    this.pos += 1;
    return t;
  }

  private expectPunct(value: string): void {
    const t = this.next();
    if (t.kind !== 'punct' || t.value !== value) throw invalid();
  }

  private keyword(word: string): boolean {
    const t = this.peek();
    if (t?.kind === 'ident' && t.value.toLowerCase() === word) {
      this.pos += 1;
      return true;
    }
    return false;
  }

  private orExpr(): UserPredicate {
    const parts = [this.andExpr()];
    while (this.keyword('or')) parts.push(this.andExpr());
    return parts.length === 1 ? (parts[0] as UserPredicate) : (u) => parts.some((p) => p(u));
  }

  private andExpr(): UserPredicate {
    const parts = [this.primary()];
    while (this.keyword('and')) parts.push(this.primary());
    return parts.length === 1 ? (parts[0] as UserPredicate) : (u) => parts.every((p) => p(u));
  }

  private literal(): string | boolean | null {
    const t = this.next();
    if (t.kind === 'string' || t.kind === 'literal') return t.value;
    throw invalid();
  }

  private primary(): UserPredicate {
    const t = this.next();
    if (t.kind === 'punct' && t.value === '(') {
      const inner = this.orExpr();
      this.expectPunct(')');
      return inner;
    }
    if (t.kind !== 'ident') throw invalid();
    const name = t.value.toLowerCase();
    if (name === 'startswith') {
      this.expectPunct('(');
      const prop = this.next();
      if (prop.kind !== 'ident') throw invalid();
      this.expectPunct(',');
      const prefix = this.literal();
      this.expectPunct(')');
      if (!STARTSWITH_PROPS.has(prop.value.toLowerCase()) || typeof prefix !== 'string') {
        throw unsupported(prop.value);
      }
      return (u) => startsWith(userPropertyValue(u, prop.value), prefix);
    }
    if (name === 'not' || name === 'endswith') {
      // Advanced queries (ConsistencyLevel: eventual) are not emulated.
      throw GraphErrors.unsupportedQuery('Unsupported Query.');
    }
    const after = this.peek();
    if (after?.kind === 'punct' && after.value === '/') return this.anyLambda(t.value);
    if (this.keyword('eq')) {
      const value = this.literal();
      if (!EQ_PROPS.has(name)) throw unsupported(t.value);
      return (u) => equal(userPropertyValue(u, t.value), value);
    }
    if (this.keyword('in')) {
      this.expectPunct('(');
      const values = [this.literal()];
      while (this.peek()?.kind === 'punct' && this.peek()?.value === ',') {
        this.pos += 1;
        values.push(this.literal());
      }
      this.expectPunct(')');
      if (!EQ_PROPS.has(name)) throw unsupported(t.value);
      return (u) => values.some((v) => equal(userPropertyValue(u, t.value), v));
    }
    const op = this.peek();
    if (op?.kind === 'ident' && ['ne', 'gt', 'ge', 'lt', 'le'].includes(op.value.toLowerCase())) {
      throw GraphErrors.unsupportedQuery('Unsupported Query.');
    }
    throw invalid();
  }

  private anyLambda(prop: string): UserPredicate {
    this.expectPunct('/');
    if (!this.keyword('any')) throw invalid();
    this.expectPunct('(');
    const variable = this.next();
    if (variable.kind !== 'ident') throw invalid();
    this.expectPunct(':');
    let test: (value: string) => boolean;
    const head = this.next();
    if (head.kind === 'ident' && head.value.toLowerCase() === 'startswith') {
      this.expectPunct('(');
      const v = this.next();
      if (v.kind !== 'ident' || v.value !== variable.value) throw invalid();
      this.expectPunct(',');
      const prefix = this.literal();
      this.expectPunct(')');
      if (typeof prefix !== 'string') throw invalid();
      test = (value) => startsWith(value, prefix);
    } else if (head.kind === 'ident' && head.value === variable.value && this.keyword('eq')) {
      const value = this.literal();
      test = (candidate) => equal(candidate, value);
    } else throw invalid();
    this.expectPunct(')');
    if (!COLLECTION_PROPS.has(prop.toLowerCase())) throw unsupported(prop);
    return (u) => {
      const values = userPropertyValue(u, prop);
      return Array.isArray(values) && values.some((v) => typeof v === 'string' && test(v));
    };
  }
}

/** Compiles a `/users` `$filter` into a predicate, or throws the 400 Graph answers with. */
export function compileUserFilter(filter: string): UserPredicate {
  return new Parser(tokenize(filter)).parse();
}
