import { describe, expect, it } from "vitest";
import { imageFormat, parseMultipart } from "./multipart";

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");

describe("parseMultipart", () => {
  it("reads what undici's FormData sends, binary bytes intact", async () => {
    const form = new FormData();
    const bytes = Buffer.concat([PNG, Buffer.from([0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff])]);
    form.append("data", new Blob([bytes], { type: "image/png" }), "a.png");
    form.append("use_case", "MAIN_IMAGE");
    const req = new Request("http://x/", { method: "POST", body: form });
    const body = Buffer.from(await req.arrayBuffer());
    const parts = parseMultipart(body, req.headers.get("content-type") ?? undefined);
    expect(parts?.get("data")).toMatchObject({ filename: "a.png", contentType: "image/png" });
    expect(parts?.get("data")?.data.equals(bytes)).toBe(true);
    expect(parts?.get("use_case")?.data.toString()).toBe("MAIN_IMAGE");
  });

  it.each([
    ["no boundary", "multipart/form-data"],
    ["not multipart", "application/json; boundary=x"],
    ["missing content type", undefined],
  ])("returns null with %s", (_name, type) => {
    expect(parseMultipart(Buffer.from("--x\r\n\r\n--x--"), type)).toBeNull();
  });

  it("returns null when the body does not follow the boundary", () => {
    expect(parseMultipart(Buffer.from("garbage"), "multipart/form-data; boundary=abc")).toBeNull();
  });
});

describe("imageFormat", () => {
  it.each([
    ["png", PNG],
    ["jpeg", Buffer.from([0xff, 0xd8, 0xff, 0xe0])],
    ["gif", Buffer.from("GIF89a....")],
    ["webp", Buffer.from("RIFF\0\0\0\0WEBPVP8 ")],
    ["bmp", Buffer.from("BM......")],
    [null, Buffer.from("<html>")],
    [null, Buffer.alloc(0)],
  ])("recognises %s", (expected, bytes) => {
    expect(imageFormat(bytes)).toBe(expected);
  });
});
