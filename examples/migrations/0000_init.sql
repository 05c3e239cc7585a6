-- Migration 0000_init: generated from the models by schema-core; edit the models, not this file.

SET lock_timeout = '5s';
SET statement_timeout = '1min';

DO $role$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'tenancy_app') THEN
        CREATE ROLE "tenancy_app" WITH NOLOGIN INHERIT NOCREATEDB NOCREATEROLE NOBYPASSRLS CONNECTION LIMIT -1;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END
$role$;

CREATE SCHEMA "credits";

CREATE SCHEMA "storage";

CREATE SCHEMA "tenancy";

CREATE TYPE "credits"."transaction_type" AS ENUM ('purchase', 'usage', 'refund', 'bonus', 'adjustment');

CREATE FUNCTION "credits"."touch_updated_at"() RETURNS trigger LANGUAGE "plpgsql" VOLATILE AS $function$
BEGIN
    NEW."updated_at" := now();
    RETURN NEW;
END;
$function$;

CREATE FUNCTION "public"."touch_updated_at"() RETURNS trigger LANGUAGE "plpgsql" VOLATILE AS $function$
BEGIN
    NEW."updated_at" := now();
    RETURN NEW;
END;
$function$;

CREATE FUNCTION "storage"."touch_updated_at"() RETURNS trigger LANGUAGE "plpgsql" VOLATILE AS $function$
BEGIN
    NEW."updated_at" := now();
    RETURN NEW;
END;
$function$;

CREATE FUNCTION "tenancy"."touch_updated_at"() RETURNS trigger LANGUAGE "plpgsql" VOLATILE AS $function$
BEGIN
    NEW."updated_at" := now();
    RETURN NEW;
END;
$function$;

CREATE TABLE "credits"."balances" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "user_id" text NOT NULL,
    "amount" bigint NOT NULL DEFAULT 0,
    "version" integer NOT NULL DEFAULT 1,
    "created_at" timestamp with time zone NOT NULL DEFAULT now(),
    "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "balances_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "balances_user_id_key" UNIQUE ("user_id"),
    CONSTRAINT "balances_amount_non_negative" CHECK (amount >= 0)
);

CREATE TABLE "credits"."transactions" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "seq" bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
    "user_id" text NOT NULL,
    "type" "credits"."transaction_type" NOT NULL,
    "amount" bigint NOT NULL,
    "balance_after" bigint NOT NULL,
    "description" text,
    "tags" jsonb NOT NULL DEFAULT '[]',
    "metadata" jsonb,
    "created_at" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "transactions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "transactions_seq_key" UNIQUE ("seq")
);

CREATE TABLE "public"."users" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "email" text NOT NULL,
    "name" text NOT NULL,
    "is_active" boolean NOT NULL DEFAULT true,
    "created_at" timestamp with time zone NOT NULL DEFAULT now(),
    "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
    "deleted_at" timestamp with time zone,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "users_email_key" UNIQUE ("email")
);

CREATE TABLE "public"."posts" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "title" character varying(255) NOT NULL,
    "content" text NOT NULL,
    "author_id" uuid NOT NULL,
    "is_published" boolean NOT NULL DEFAULT false,
    "created_at" timestamp with time zone NOT NULL DEFAULT now(),
    "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "posts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "public"."users" ("id")
);

CREATE TABLE "storage"."folders" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "user_id" text NOT NULL,
    "parent_folder_id" uuid,
    "name" character varying(255) NOT NULL,
    "is_favorite" boolean NOT NULL DEFAULT false,
    "is_deleted" boolean NOT NULL DEFAULT false,
    "deleted_at" timestamp with time zone,
    "created_at" timestamp with time zone NOT NULL DEFAULT now(),
    "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "folders_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "storage"."files" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "user_id" text NOT NULL,
    "parent_folder_id" uuid,
    "name" character varying(500) NOT NULL,
    "mime_type" character varying(255) NOT NULL,
    "size" bigint NOT NULL,
    "storage_path" character varying(1000) NOT NULL,
    "storage_key" character varying(500) NOT NULL,
    "description" text,
    "is_favorite" boolean NOT NULL DEFAULT false,
    "is_public" boolean NOT NULL DEFAULT false,
    "is_deleted" boolean NOT NULL DEFAULT false,
    "deleted_at" timestamp with time zone,
    "created_at" timestamp with time zone NOT NULL DEFAULT now(),
    "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "files_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "files_storage_key_key" UNIQUE ("storage_key"),
    CONSTRAINT "files_parent_folder_id_fkey" FOREIGN KEY ("parent_folder_id") REFERENCES "storage"."folders" ("id") ON DELETE SET NULL
);

CREATE TABLE "storage"."file_versions" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "file_id" uuid NOT NULL,
    "version_number" integer NOT NULL,
    "storage_path" character varying(1000) NOT NULL,
    "size" bigint NOT NULL,
    "metadata" jsonb,
    "user_id" text NOT NULL,
    "created_at" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "file_versions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "file_versions_file_id_version_number_key" UNIQUE ("file_id", "version_number"),
    CONSTRAINT "file_versions_file_id_fkey" FOREIGN KEY ("file_id") REFERENCES "storage"."files" ("id") ON DELETE CASCADE
);

CREATE TABLE "storage"."tags" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "user_id" text NOT NULL,
    "name" character varying(100) NOT NULL,
    "color" character varying(7),
    "created_at" timestamp with time zone NOT NULL DEFAULT now(),
    "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "tags_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "tags_user_id_name_key" UNIQUE ("user_id", "name")
);

CREATE TABLE "storage"."file_tags" (
    "file_id" uuid NOT NULL,
    "tag_id" uuid NOT NULL,
    "created_at" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "file_tags_pkey" PRIMARY KEY ("file_id", "tag_id"),
    CONSTRAINT "file_tags_file_id_fkey" FOREIGN KEY ("file_id") REFERENCES "storage"."files" ("id") ON DELETE CASCADE,
    CONSTRAINT "file_tags_tag_id_fkey" FOREIGN KEY ("tag_id") REFERENCES "storage"."tags" ("id") ON DELETE CASCADE
);

CREATE TABLE "tenancy"."tenants" (
    "id" text NOT NULL,
    "name" text NOT NULL,
    "created_at" timestamp with time zone NOT NULL DEFAULT now(),
    "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "tenants_name_key" UNIQUE ("name")
);

CREATE TABLE "tenancy"."members" (
    "id" text NOT NULL,
    "email" text NOT NULL,
    "password_hash" text NOT NULL,
    "level" integer NOT NULL DEFAULT 0,
    "tenant_id" text NOT NULL,
    "created_at" timestamp with time zone NOT NULL DEFAULT now(),
    "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "members_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "members_email_tenant_id_key" UNIQUE ("email", "tenant_id"),
    CONSTRAINT "members_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenancy"."tenants" ("id") ON DELETE CASCADE
);

CREATE TABLE "tenancy"."workflows" (
    "id" text NOT NULL,
    "name" text NOT NULL,
    "config" text NOT NULL,
    "member_id" text NOT NULL,
    "tenant_id" text NOT NULL,
    "created_at" timestamp with time zone NOT NULL DEFAULT now(),
    "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "workflows_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "workflows_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "tenancy"."members" ("id") ON DELETE CASCADE,
    CONSTRAINT "workflows_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenancy"."tenants" ("id") ON DELETE CASCADE
);

ALTER TABLE "storage"."folders" ADD CONSTRAINT "folders_parent_folder_id_fkey" FOREIGN KEY ("parent_folder_id") REFERENCES "storage"."folders" ("id") ON DELETE SET NULL;

CREATE INDEX "idx_transactions_user_id" ON "credits"."transactions" ("user_id");

CREATE INDEX "idx_transactions_user_id_created_at" ON "credits"."transactions" ("user_id", "created_at");

CREATE UNIQUE INDEX "idx_users_lower_email" ON "public"."users" ((lower(email)));

CREATE INDEX "idx_posts_author_id" ON "public"."posts" ("author_id");

CREATE INDEX "idx_posts_author_id_is_published" ON "public"."posts" ("author_id", "is_published");

CREATE INDEX "idx_posts_is_published" ON "public"."posts" ("is_published");

CREATE INDEX "idx_folders_parent_folder_id" ON "storage"."folders" ("parent_folder_id");

CREATE INDEX "idx_folders_user_id" ON "storage"."folders" ("user_id");

CREATE INDEX "idx_files_created_at" ON "storage"."files" ("created_at");

CREATE INDEX "idx_files_parent_folder_id" ON "storage"."files" ("parent_folder_id");

CREATE INDEX "idx_files_user_id" ON "storage"."files" ("user_id");

CREATE INDEX "idx_file_tags_tag_id" ON "storage"."file_tags" ("tag_id");

CREATE INDEX "idx_members_tenant_id" ON "tenancy"."members" ("tenant_id");

CREATE INDEX "idx_workflows_member_id" ON "tenancy"."workflows" ("member_id");

CREATE INDEX "idx_workflows_tenant_id" ON "tenancy"."workflows" ("tenant_id");

CREATE TRIGGER "touch_updated_at" BEFORE UPDATE ON "credits"."balances" FOR EACH ROW EXECUTE FUNCTION "credits"."touch_updated_at"();

CREATE TRIGGER "touch_updated_at" BEFORE UPDATE ON "public"."users" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();

CREATE TRIGGER "touch_updated_at" BEFORE UPDATE ON "public"."posts" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();

CREATE TRIGGER "touch_updated_at" BEFORE UPDATE ON "storage"."folders" FOR EACH ROW EXECUTE FUNCTION "storage"."touch_updated_at"();

CREATE TRIGGER "touch_updated_at" BEFORE UPDATE ON "storage"."files" FOR EACH ROW EXECUTE FUNCTION "storage"."touch_updated_at"();

CREATE TRIGGER "touch_updated_at" BEFORE UPDATE ON "storage"."tags" FOR EACH ROW EXECUTE FUNCTION "storage"."touch_updated_at"();

CREATE TRIGGER "touch_updated_at" BEFORE UPDATE ON "tenancy"."tenants" FOR EACH ROW EXECUTE FUNCTION "tenancy"."touch_updated_at"();

CREATE TRIGGER "touch_updated_at" BEFORE UPDATE ON "tenancy"."members" FOR EACH ROW EXECUTE FUNCTION "tenancy"."touch_updated_at"();

CREATE POLICY "members_tenant_isolation" ON "tenancy"."members" FOR ALL TO PUBLIC USING (tenant_id = current_setting('app.tenant_id'::text, true)) WITH CHECK (tenant_id = current_setting('app.tenant_id'::text, true));

ALTER TABLE "tenancy"."members" ENABLE ROW LEVEL SECURITY;

CREATE TRIGGER "touch_updated_at" BEFORE UPDATE ON "tenancy"."workflows" FOR EACH ROW EXECUTE FUNCTION "tenancy"."touch_updated_at"();

CREATE POLICY "workflows_tenant_isolation" ON "tenancy"."workflows" FOR ALL TO PUBLIC USING (tenant_id = current_setting('app.tenant_id'::text, true)) WITH CHECK (tenant_id = current_setting('app.tenant_id'::text, true));

ALTER TABLE "tenancy"."workflows" ENABLE ROW LEVEL SECURITY;

CREATE VIEW "storage"."folder_sizes" ("folder_id", "user_id", "files", "bytes") AS
SELECT f.id, f.user_id, count(fi.id), coalesce(sum(fi.size), 0)::bigint
             FROM storage.folders f
             LEFT JOIN storage.files fi ON fi.parent_folder_id = f.id AND NOT fi.is_deleted
             WHERE NOT f.is_deleted
             GROUP BY f.id, f.user_id;
COMMENT ON VIEW "storage"."folder_sizes" IS 'A folder with the number and total size of the live files directly in it: a view, read
like a table (`query::select::<FolderSize>()`).';

CREATE MATERIALIZED VIEW "storage"."storage_usages" ("user_id", "files", "bytes") AS
SELECT user_id, count(*), sum(size)::bigint
             FROM storage.files WHERE NOT is_deleted GROUP BY user_id;
COMMENT ON MATERIALIZED VIEW "storage"."storage_usages" IS 'Each user''s live files and their total size, stored for the quota page and brought up to
date by `query::refresh::<StorageUsage>()`, concurrently thanks to its unique index.';

CREATE VIEW "tenancy"."member_directories" ("member_id", "email", "tenant_name") WITH (security_invoker = true) AS
SELECT m.id, m.email, t.name
             FROM tenancy.members m JOIN tenancy.tenants t ON t.id = m.tenant_id;
COMMENT ON VIEW "tenancy"."member_directories" IS 'A member with the name of its tenant. `security_invoker`: the tables are read as the role
querying the view, so the members'' row-level security holds through it too (a view read
as its owner would show every tenant''s members).';

CREATE UNIQUE INDEX "idx_storage_usages_user_id" ON "storage"."storage_usages" ("user_id");

COMMENT ON TYPE "credits"."transaction_type" IS 'Why a balance changed.';

COMMENT ON TABLE "credits"."balances" IS 'A user''s credit balance. Updates compare and bump `version` (optimistic locking).';

COMMENT ON COLUMN "credits"."balances"."version" IS 'Incremented by every update; an update naming a stale version changes nothing.';

COMMENT ON TABLE "credits"."transactions" IS 'One change of a balance.';

COMMENT ON COLUMN "credits"."transactions"."seq" IS 'The entry''s place in the ledger, numbered by PostgreSQL in the order entries are
written: never given by a client.';

COMMENT ON TABLE "public"."users" IS 'People who can sign in. Rows are never hard-deleted: `deleted_at` marks a removed user.';

COMMENT ON COLUMN "public"."users"."deleted_at" IS 'When the user was soft-deleted; `NULL` while the account is live.';

COMMENT ON TABLE "storage"."file_tags" IS 'Which tags a file carries: the junction of `files` and `tags`.';

COMMENT ON TABLE "storage"."file_versions" IS 'An earlier content of a file.';

COMMENT ON COLUMN "storage"."file_versions"."metadata" IS 'Free-form details of the upload (checksum, encoder, ...).';

COMMENT ON TABLE "storage"."files" IS 'An uploaded file.';

COMMENT ON TABLE "storage"."folders" IS 'A folder of a user''s drive; `parent_folder_id` nests folders.';

COMMENT ON COLUMN "storage"."folders"."user_id" IS 'Better Auth user ids are not UUIDs, so `user_id` is text.';

COMMENT ON TABLE "storage"."tags" IS 'A user''s label for files.';

COMMENT ON COLUMN "storage"."tags"."color" IS 'A CSS hex colour such as `#3b82f6`.';

COMMENT ON TABLE "tenancy"."members" IS 'A user of one tenant (the seed''s `User`).';

COMMENT ON TABLE "tenancy"."tenants" IS 'A customer organisation; all other rows belong to one.';

COMMENT ON TABLE "tenancy"."workflows" IS 'An automation owned by a member of a tenant.';

GRANT USAGE ON SCHEMA "tenancy" TO "tenancy_app";

GRANT SELECT ON TABLE "tenancy"."member_directories" TO "tenancy_app";

GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "tenancy"."members" TO "tenancy_app";

GRANT SELECT ON TABLE "tenancy"."tenants" TO "tenancy_app";

GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "tenancy"."workflows" TO "tenancy_app";
