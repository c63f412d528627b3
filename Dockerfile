# One image for every SyncStore process; docker-compose picks the command.
# Node 22 LTS (20 is end of life since April 2026); the code still supports Node >= 20.19 (engines, CI).
FROM node:22-bookworm-slim AS build
WORKDIR /app
RUN npm i -g pnpm@10
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build && pnpm prune --prod

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app /app
# 4000: the API; 4001: a worker's /healthz and /metrics.
EXPOSE 4000 4001
CMD ["node", "apps/api/dist/main.js"]
