//! Who may do what: the roles the models manage, created, altered and dropped, and the
//! privileges granted to roles, granted and revoked. Privileges on an object the migration
//! drops and creates again (a view, a function) are lost with it and granted again.

use super::changes::Changes;
use super::op::{GrantOp, Op, RoleOp, ViewOp};
use crate::model::{Grant, GrantObject, Privilege, Role, Schema};
use std::collections::{BTreeMap, BTreeSet};

/// The roles the models create (not [existing](Role::existing) ones), by name.
fn managed(schema: &Schema) -> BTreeMap<&str, &Role> {
    schema
        .roles
        .iter()
        .filter(|r| !r.existing)
        .map(|r| (r.name.as_str(), r))
        .collect()
}

/// Roles created, altered and dropped. A role the models stop managing (removed, or declared
/// existing instead) that is still named is not dropped.
pub(super) fn compare_roles(old: &Schema, new: &Schema, changes: &mut Changes) {
    let (before, after) = (managed(old), managed(new));
    for (name, role) in &after {
        match before.get(name) {
            None => changes.roles.push(Op::Role(RoleOp::Create {
                role: (*role).clone(),
            })),
            Some(was) if was != role => changes.roles.push(Op::Role(RoleOp::Alter {
                from: (*was).clone(),
                to: (*role).clone(),
            })),
            Some(_) => {}
        }
    }
    let declared: BTreeSet<&str> = new.roles.iter().map(|r| r.name.as_str()).collect();
    for (name, role) in &before {
        if !declared.contains(name) {
            changes.drop_roles.push(Op::Role(RoleOp::Drop {
                role: (*role).clone(),
            }));
        }
    }
}

/// The objects the migration drops to create again, whose privileges go with them: views
/// replaced, functions recreated. Read from the operations already compared.
fn recreated(changes: &Changes) -> BTreeSet<GrantObject> {
    let views = changes.drop_views.iter().filter_map(|op| match op {
        Op::View(ViewOp::Drop {
            view,
            replaced: true,
            ..
        }) => Some((view.schema.clone(), view.name.clone())),
        _ => None,
    });
    let mut objects: BTreeSet<GrantObject> = views
        .map(|(schema, name)| GrantObject::Table { schema, name })
        .collect();
    for function in &changes.recreated_functions {
        objects.insert(GrantObject::Function {
            schema: function.schema.clone(),
            name: function.name.clone(),
        });
    }
    objects
}

/// `grant` with only `privileges`.
fn with_privileges(grant: &Grant, privileges: Vec<Privilege>, with_grant_option: bool) -> Grant {
    Grant {
        privileges,
        with_grant_option,
        ..grant.clone()
    }
}

/// The privileges granted and revoked, per object and role. Compared after views and
/// functions, whose re-creations it reads.
pub(super) fn compare_grants(old: &Schema, new: &Schema, changes: &mut Changes) {
    let recreated = recreated(changes);
    let key = |g: &Grant| (g.on.clone(), g.to.clone());
    let before: BTreeMap<_, &Grant> = old
        .grants
        .iter()
        .filter(|g| !recreated.contains(&g.on))
        .map(|g| (key(g), g))
        .collect();
    let after: BTreeMap<_, &Grant> = new.grants.iter().map(|g| (key(g), g)).collect();
    // Per object and role, what is granted: one statement each, written in key order.
    let mut grants: BTreeMap<(GrantObject, String), Grant> = BTreeMap::new();
    let mut revokes: Vec<Op> = Vec::new();
    for (key, grant) in &after {
        let Some(was) = before.get(key) else {
            grants.insert(key.clone(), (*grant).clone());
            continue;
        };
        let (kept, added): (Vec<Privilege>, Vec<Privilege>) = grant
            .privileges
            .iter()
            .partition(|p| was.privileges.contains(p));
        let removed: Vec<Privilege> = was
            .privileges
            .iter()
            .copied()
            .filter(|p| !grant.privileges.contains(p))
            .collect();
        if !removed.is_empty() {
            revokes.push(revoke(with_privileges(grant, removed, false), false));
        }
        match (was.with_grant_option, grant.with_grant_option) {
            // The grant option given on what it had too.
            (false, true) => {
                grants.insert(key.clone(), (*grant).clone());
            }
            (true, false) if !kept.is_empty() => {
                revokes.push(revoke(with_privileges(grant, kept, false), true));
            }
            _ => {}
        }
        if !added.is_empty() && !grants.contains_key(key) {
            let option = grant.with_grant_option;
            grants.insert(key.clone(), with_privileges(grant, added, option));
        }
    }
    for (key, grant) in &before {
        // Privileges on an object the migration drops go with it.
        if !after.contains_key(key) && new.has_grant_object(&grant.on) {
            revokes.push(revoke((*grant).clone(), false));
        }
    }
    // A table's privilege revoked is revoked on each of its columns too: the column grants
    // that keep it are given again (after the revoke, which `Res::Privileges` orders).
    for op in &revokes {
        let Op::Grant(GrantOp::Revoke { grant: taken, .. }) = op else {
            continue;
        };
        let GrantObject::Table { schema, name } = &taken.on else {
            continue;
        };
        for ((on, to), grant) in &after {
            let column_of_table = matches!(on, GrantObject::Column { schema: s, table: t, .. } if s == schema && t == name);
            if column_of_table
                && *to == taken.to
                && grant
                    .privileges
                    .iter()
                    .any(|p| taken.privileges.contains(p))
            {
                grants.insert((on.clone(), to.clone()), (*grant).clone());
            }
        }
    }
    changes.revokes.extend(revokes);
    changes.grants.extend(
        grants
            .into_values()
            .map(|grant| Op::Grant(GrantOp::Grant { grant })),
    );
}

fn revoke(grant: Grant, grant_option_only: bool) -> Op<'static> {
    Op::Grant(GrantOp::Revoke {
        grant,
        grant_option_only,
    })
}

/// Whether the operation is a role's drop, which a down migration leaves out: the role may
/// have been in the cluster before the up migration created it, and other databases may use
/// it.
pub(super) fn is_role_drop(op: &Op) -> bool {
    matches!(op, Op::Role(RoleOp::Drop { .. }))
}
