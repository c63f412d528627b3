import { useTranslation } from "react-i18next";
import type { Platform } from "../../gql/graphql";
import { platformLabel } from "../../ui/format";
import { PLATFORMS } from "./useStartBatch";

interface Props {
  value: readonly Platform[];
  onChange: (platforms: Platform[]) => void;
  legend?: string;
}

export function PlatformPicker({ value, onChange, legend }: Props) {
  const { t } = useTranslation();
  function toggle(p: Platform) {
    onChange(
      value.includes(p)
        ? value.filter((v) => v !== p)
        : PLATFORMS.filter((v) => v === p || value.includes(v)),
    );
  }
  return (
    <fieldset className="inline-fieldset">
      <legend>{legend ?? t("sync.platforms")}</legend>
      {PLATFORMS.map((p) => (
        <label key={p} className="check">
          <input type="checkbox" checked={value.includes(p)} onChange={() => toggle(p)} />
          {platformLabel(p)}
        </label>
      ))}
    </fieldset>
  );
}
