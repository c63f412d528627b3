import type { SimRequest, SimResponse } from "../http";
import { imageFormat, parseMultipart } from "../multipart";
import type { ShopeeState } from "./context";
import { bad, success } from "./errors";
import { imageUrl } from "./views";

const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** `media_space/upload_image`: JPG or PNG up to 10 MB; the id it returns is what items may use. */
export function uploadImage(state: ShopeeState, req: SimRequest): SimResponse {
  const contentType = req.headers["content-type"];
  const form = parseMultipart(req.rawBody, Array.isArray(contentType) ? contentType[0] : contentType);
  const file = form?.get("image");
  if (!form || !file || file.data.length === 0) bad("image", "is required: a multipart/form-data image file");
  if (file.data.length > MAX_IMAGE_BYTES) bad("image", "must be at most 10 MB");
  const format = imageFormat(file.data);
  if (format !== "jpeg" && format !== "png") bad("image", "must be a JPG or PNG file");
  const scene = form.get("scene")?.data.toString("utf8") || "normal";
  if (scene !== "normal" && scene !== "desc") bad("scene", "must be normal or desc");
  const imageId = `sim-11134201-${state.clock().toString(36)}${(state.images.size + 1).toString(36).padStart(6, "0")}`;
  state.images.add(imageId);
  return success({
    image_info: {
      image_id: imageId,
      image_url_list: [{ image_url_region: "ID", image_url: imageUrl(imageId) }],
    },
  });
}
