import { Authorized, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Permission } from "../../auth";
import { FailedSignIns, User } from "../../auth/auth.types";
import type { ApiContext } from "../context";

@Resolver(() => User)
export class UserFieldsResolver {
  // ADMIN only: a user who signs in sees their own User, and must not learn who is guessing at it.
  @Authorized(Permission.ADMIN)
  @FieldResolver(() => FailedSignIns, {
    description: "Failed sign-ins for this account recently (ADMIN only): the account alert.",
  })
  recentFailedSignIns(@Root() user: User, @Ctx() ctx: ApiContext): Promise<FailedSignIns> {
    return ctx.loaders.signInFailures.load(user.id);
  }
}
