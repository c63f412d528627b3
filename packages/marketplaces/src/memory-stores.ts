import type { ImageIdCache, TokenSet, TokenStore } from "./adapter";

/** Tokens held in process memory (tests); `save` stands in for the owner storing a refreshed pair. */
export class MemoryTokenStore implements TokenStore {
  constructor(private tokens: TokenSet) {}
  async load(): Promise<TokenSet> {
    return this.tokens;
  }
  async save(tokens: TokenSet): Promise<void> {
    this.tokens = tokens;
  }
}

export class MemoryImageIdCache implements ImageIdCache {
  private readonly ids = new Map<string, string>();
  async get(url: string): Promise<string | null> {
    return this.ids.get(url) ?? null;
  }
  async set(url: string, platformImageId: string): Promise<void> {
    this.ids.set(url, platformImageId);
  }
}
