// Mermaid's own parser, to prove a block renders: mermaid needs a DOM, so it runs under jsdom
// (mermaid 12.3's parse works on Node 20 there). Loaded once per test file, on first use.
import { JSDOM } from "jsdom";

type MermaidParse = (text: string) => Promise<unknown>;
let loaded: Promise<MermaidParse> | undefined;

async function load(): Promise<MermaidParse> {
  const dom = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
  const globals = globalThis as Record<string, unknown>;
  globals.window = dom.window;
  globals.document = dom.window.document;
  globals.DOMParser = dom.window.DOMParser;
  globals.Element = dom.window.Element;
  const { default: mermaid } = await import("mermaid");
  mermaid.initialize({ startOnLoad: false });
  return (text) => mermaid.parse(text);
}

/** The Mermaid source inside each ```mermaid fence of some Markdown. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((match) => match[1] as string);
}

/** Parses a diagram with Mermaid itself; rejects with Mermaid's parse error. */
export async function parseMermaid(text: string): Promise<unknown> {
  loaded ??= load();
  return (await loaded)(text);
}
