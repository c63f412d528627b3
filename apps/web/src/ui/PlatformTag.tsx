import { platformLabel } from "./format";

export function PlatformTag({ platform }: { platform: string }) {
  return <span className={`platform platform-${platform.toLowerCase()}`}>{platformLabel(platform)}</span>;
}
