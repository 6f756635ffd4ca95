// The part of jsdom the Mermaid helper uses. @types/jsdom is left out on purpose: it references the
// DOM library, which would change the Node stream types the package itself is checked against.
declare module "jsdom" {
  export class JSDOM {
    constructor(html: string, options?: { pretendToBeVisual?: boolean });
    readonly window: {
      readonly document: unknown;
      readonly DOMParser: unknown;
      readonly Element: unknown;
    };
  }
}
