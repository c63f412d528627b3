const P = "/api/v2/product";
export const SHOPEE_PATHS = {
  addItem: `${P}/add_item`,
  updateItem: `${P}/update_item`,
  updatePrice: `${P}/update_price`,
  updateStock: `${P}/update_stock`,
  initTierVariation: `${P}/init_tier_variation`,
  updateTierVariation: `${P}/update_tier_variation`,
  addModel: `${P}/add_model`,
  getModelList: `${P}/get_model_list`,
  getItemBaseInfo: `${P}/get_item_base_info`,
  searchItem: `${P}/search_item`,
  unlistItem: `${P}/unlist_item`,
  uploadImage: "/api/v2/media_space/upload_image",
  refreshToken: "/api/v2/auth/access_token/get",
} as const;
