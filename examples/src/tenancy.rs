//! Seed 004: multi-tenant isolation — every row carries `tenant_id`; member emails are unique
//! per tenant; primary keys are application-generated text ids (cuid), not UUIDs. The seed's
//! tables have no timestamps; here they get `created_at`/`updated_at` like every other table.
//! A tenant's members and workflows are isolated by row-level security: a session sees and
//! writes only the rows of the tenant its `app.tenant_id` setting names (the table owner, as
//! migrations run, is not held to it). The sessions run as role [`APP_ROLE`], which may read and
//! write the tables (the schema grants it), and so only the rows their tenant's policies allow.

use chrono::{DateTime, Utc};
use schema_core::{Table, View};
use serde::{Deserialize, Serialize};

/// The role the tenants' sessions run as (`SET ROLE`, or a login role made a member of it).
pub const APP_ROLE: &str = "tenancy_app";

/// A customer organisation; all other rows belong to one.
#[derive(Table, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[table(schema = "tenancy")]
#[has_many(Member, foreign_key = tenant_id)]
#[has_many(Workflow, foreign_key = tenant_id)]
pub struct Tenant {
    #[column(primary_key)]
    pub id: String,
    #[column(unique)]
    #[validate(non_empty)]
    pub name: String,
    #[column(default_now)]
    pub created_at: DateTime<Utc>,
    #[column(default_now, on_update_now)]
    pub updated_at: DateTime<Utc>,
}

/// A user of one tenant (the seed's `User`).
#[derive(Table, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[table(
    schema = "tenancy",
    unique(email, tenant_id),
    rls,
    policy(
        name = "members_tenant_isolation",
        using = "tenant_id = current_setting('app.tenant_id'::text, true)",
        with_check = "tenant_id = current_setting('app.tenant_id'::text, true)"
    )
)]
#[index(columns(tenant_id))]
#[has_many(Workflow, foreign_key = member_id)]
pub struct Member {
    #[column(primary_key)]
    pub id: String,
    #[validate(email)]
    pub email: String,
    pub password_hash: String,
    #[column(default = 0)]
    #[validate(min = 0, max = 10)]
    pub level: i32,
    #[column(references(Tenant::id), on_delete = "cascade")]
    pub tenant_id: String,
    #[column(default_now)]
    pub created_at: DateTime<Utc>,
    #[column(default_now, on_update_now)]
    pub updated_at: DateTime<Utc>,
}

/// An automation owned by a member of a tenant.
#[derive(Table, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[table(
    schema = "tenancy",
    rls,
    policy(
        name = "workflows_tenant_isolation",
        using = "tenant_id = current_setting('app.tenant_id'::text, true)",
        with_check = "tenant_id = current_setting('app.tenant_id'::text, true)"
    )
)]
#[index(columns(tenant_id))]
#[index(columns(member_id))]
pub struct Workflow {
    #[column(primary_key)]
    pub id: String,
    #[validate(min_len = 1, max_len = 200)]
    pub name: String,
    pub config: String,
    #[column(references(Member::id), on_delete = "cascade")]
    pub member_id: String,
    #[column(references(Tenant::id), on_delete = "cascade")]
    pub tenant_id: String,
    #[column(default_now)]
    pub created_at: DateTime<Utc>,
    #[column(default_now, on_update_now)]
    pub updated_at: DateTime<Utc>,
}

/// A member with the name of its tenant. `security_invoker`: the tables are read as the role
/// querying the view, so the members' row-level security holds through it too (a view read
/// as its owner would show every tenant's members).
#[derive(View, Debug, Clone, PartialEq)]
#[view(
    schema = "tenancy",
    security_invoker,
    query = "SELECT m.id, m.email, t.name
             FROM tenancy.members m JOIN tenancy.tenants t ON t.id = m.tenant_id"
)]
pub struct MemberDirectory {
    pub member_id: String,
    pub email: String,
    pub tenant_name: String,
}
