import { Router } from "express";
import { renderDemoImage } from "@syncstore/db";

/** The demo catalog's product images, generated on the fly so the product needs no internet. */
export function mediaRouter(): Router {
  const router = Router();
  router.get("/demo/:name", (req, res) => {
    const png = renderDemoImage(req.params.name);
    if (!png) {
      res.status(404).type("text/plain").send("no such demo image");
      return;
    }
    res.set("cache-control", "public, max-age=86400, immutable").type("image/png").send(png);
  });
  return router;
}
