-- Nothing ever sent or read these rows, and each kept a full personal link, secret included: no secret at rest.
DROP TABLE "outbox_messages" CASCADE;