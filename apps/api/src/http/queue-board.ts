import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import { parse as parseCookie, serialize as serializeCookie } from "cookie";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { DataSource } from "typeorm";
import type { SyncQueues } from "@syncstore/queue";
import { ChannelDirectory } from "@syncstore/db";
import { Permission, permissionsOf, type Authenticate } from "../auth";

export const BOARD_PATH = "/admin/queues";
const COOKIE = "syncstore_board";
const REFRESH_MS = 10_000;

/**
 * Bull Board (every channel's BullMQ queue: jobs, retries, pause) for ADMINs only, at /admin/queues.
 * The dashboard keeps its session token out of cookies, and a browser navigation cannot send a
 * header, so `POST /admin/queues/session` with `Authorization: Bearer <admin session or key>` puts that
 * same credential in an HttpOnly, SameSite=Strict cookie scoped to this path. Every request — page,
 * board API — authenticates it again, so a revoked session or key loses the board at once.
 * Scripts can also call the board API with the Authorization header directly.
 */
export function queueBoard(deps: { ds: DataSource; queues: SyncQueues; authenticate: Authenticate }): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(BOARD_PATH);
  const board = createBullBoard({
    queues: [],
    serverAdapter,
    options: { uiConfig: { boardTitle: "SyncStore queues" } },
  });

  let refreshedAt = 0;
  const refreshQueues = async () => {
    if (Date.now() - refreshedAt < REFRESH_MS) return;
    refreshedAt = Date.now();
    const channels = await new ChannelDirectory(deps.ds).all();
    board.replaceQueues(channels.map((c) => new BullMQAdapter(deps.queues.queue(c.id))));
  };

  const router = express.Router();
  router.post("/session", async (req, res, next) => {
    try {
      const access = await adminAccess(deps.authenticate, req.headers.authorization);
      if (access !== "admin") return void refuse(req, res, access);
      res.setHeader("Set-Cookie", boardCookie(req, req.headers.authorization!.replace(/^Bearer\s+/i, "")));
      res.status(204).end();
    } catch (e) {
      next(e);
    }
  });
  router.delete("/session", (req, res) => {
    res.setHeader("Set-Cookie", boardCookie(req, "", 0));
    res.status(204).end();
  });
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    try {
      const fromCookie = parseCookie(req.headers.cookie ?? "")[COOKIE];
      const header = req.headers.authorization ?? (fromCookie ? `Bearer ${fromCookie}` : undefined);
      const access = await adminAccess(deps.authenticate, header);
      if (access !== "admin") return void refuse(req, res, access);
      await refreshQueues();
      next();
    } catch (e) {
      next(e);
    }
  });
  router.use(serverAdapter.getRouter() as Router);
  return router;
}

type Access = "admin" | "unauthenticated" | "forbidden";

async function adminAccess(authenticate: Authenticate, header: string | undefined): Promise<Access> {
  const viewer = header ? await authenticate(header).catch(() => null) : null;
  if (!viewer) return "unauthenticated";
  return permissionsOf(viewer).has(Permission.ADMIN) ? "admin" : "forbidden";
}

function boardCookie(req: Request, value: string, maxAge?: number): string {
  return serializeCookie(COOKIE, value, {
    httpOnly: true,
    sameSite: "strict",
    secure: req.secure,
    path: BOARD_PATH,
    ...(maxAge === undefined ? {} : { maxAge }),
  });
}

function refuse(req: Request, res: Response, access: Exclude<Access, "admin">): void {
  const status = access === "forbidden" ? 403 : 401;
  const code = access === "forbidden" ? "FORBIDDEN" : "UNAUTHENTICATED";
  const message =
    "Bull Board is for admins: open it from the dashboard's Queues page signed in as an ADMIN, " +
    "or send Authorization: Bearer <admin API key>.";
  if (req.accepts(["html", "json"]) === "html") {
    res.status(status).type("html").send(`<!doctype html><title>Sign in required</title><p>${message}</p>`);
    return;
  }
  res.status(status).json({ error: { code, message } });
}
