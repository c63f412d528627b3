import type { Viewer } from "../graphql/context";
import type {
  ConnectChannelInput,
  ConnectChannelPayload,
  DisconnectChannelPayload,
} from "../graphql/types/channel";
import { CONNECT_MARKETS, type ConnectService } from "../connect/connect.service";
import type { ChannelService } from "./channel.service";
import type { UserError } from "../graphql/types/common";

/** As updateChannel allows. */
const NAME_MAX = 100;

/** connectChannel and disconnectChannel: input checks here, the authorization itself in ConnectService. */
export class ConnectionService {
  constructor(
    private readonly connect: ConnectService,
    private readonly channels: ChannelService,
  ) {}

  async start(viewer: Viewer, input: ConnectChannelInput): Promise<ConnectChannelPayload> {
    const market = (input.market ?? "ID").trim().toUpperCase();
    const name = input.name?.trim() || null;
    const userErrors: UserError[] = [];
    if (!CONNECT_MARKETS.includes(market))
      userErrors.push({
        field: ["input", "market"],
        code: "INVALID",
        message: `market must be one of ${CONNECT_MARKETS.join(", ")}`,
      });
    if (name && name.length > NAME_MAX)
      userErrors.push({
        field: ["input", "name"],
        code: "TOO_LONG",
        message: `name is longer than ${NAME_MAX} characters`,
      });
    if (userErrors.length) return { authorizationUrl: null, userErrors };
    const authorizationUrl = await this.connect.authorizationUrl({
      platform: input.platform,
      market,
      name,
      startedBy: viewer.id,
    });
    return { authorizationUrl, userErrors: [] };
  }

  async disconnect(id: string): Promise<DisconnectChannelPayload> {
    if (!(await this.connect.disconnect(id)))
      return {
        channel: null,
        userErrors: [{ field: ["id"], code: "NOT_FOUND", message: `no channel ${id}` }],
      };
    return { channel: await this.channels.get(id), userErrors: [] };
  }
}
