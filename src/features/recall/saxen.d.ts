// saxen ships no types; what xlsx-fast.ts uses of it (saxen's README, "Supported Hooks").
declare module 'saxen' {
  export function decode(value: string): string;
  export class Parser {
    on(
      event: 'openTag',
      handler: (
        name: string,
        getAttributes: () => Record<string, string>,
        decodeEntities: (value: string) => string,
        selfClosing: boolean,
      ) => void,
    ): void;
    on(
      event: 'closeTag',
      handler: (name: string, decodeEntities: (value: string) => string, selfClosing: boolean) => void,
    ): void;
    on(event: 'text', handler: (value: string, decodeEntities: (value: string) => string) => void): void;
    on(event: 'error', handler: (error: Error) => void): void;
    parse(xml: string): void;
  }
}
