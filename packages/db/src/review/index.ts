export { ReviewRepository, type DueReview, type ReviewResult } from "./repository";
