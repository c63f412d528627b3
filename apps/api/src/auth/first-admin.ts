import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { DataSource } from "typeorm";
import { UserRepository } from "@syncstore/db";
import { Role } from "./permissions";
import { UserService } from "./users";

export const FIRST_ADMIN_EMAIL = "admin@syncstore.local";

export type FirstAdmin =
  | { created: true; email: string; password: string; passwordFile: string }
  | { created: false; email: string; kept: boolean; passwordFile: string };

/**
 * Out of the box there must be someone to sign in as. On a database without users `pnpm start`
 * creates an admin with a random password kept in `stateDir` (git-ignored, mode 600). The password
 * is shown once, when it is created: terminal scrollback and CI logs keep whatever is printed, so
 * later starts only say where the password is.
 */
export async function ensureFirstAdmin(ds: DataSource, stateDir: string): Promise<FirstAdmin> {
  const passwordFile = path.join(stateDir, "admin-password");
  if (await new UserRepository(ds).any())
    return { created: false, email: FIRST_ADMIN_EMAIL, kept: existsSync(passwordFile), passwordFile };
  const password = randomBytes(12).toString("base64url");
  const { user, userErrors } = await new UserService(ds).create(
    { email: FIRST_ADMIN_EMAIL, password, role: Role.ADMIN, name: "Admin" },
    [],
  );
  if (!user) {
    // Another start created it between our check and the insert: theirs is the password shown.
    if (userErrors.some((e) => e.code === "TAKEN"))
      return { created: false, email: FIRST_ADMIN_EMAIL, kept: existsSync(passwordFile), passwordFile };
    throw new Error(`could not create the first admin: ${userErrors.map((e) => e.message).join("; ")}`);
  }
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(passwordFile, password + "\n", { mode: 0o600 });
  return { created: true, email: FIRST_ADMIN_EMAIL, password, passwordFile };
}

/** What the start banner says about signing in; the password appears only on the start that made it. */
export function signInLine(admin: FirstAdmin, relativeFile: string): string {
  if (admin.created) return `${admin.email} / ${admin.password}  (shown once; kept in ${relativeFile})`;
  if (admin.kept) return `${admin.email} with the password in ${relativeFile}`;
  return "with your user (create one: SYNCSTORE_PASSWORD=… pnpm user:create --email you@example.com --role ADMIN)";
}
