locals {
  users = {
    alice = { role = "admin", teams = ["ops", "dev"] }
    bob   = { role = "dev", teams = ["dev"] }
    carol = { role = "dev", teams = [] }
  }

  admins          = [for name, u in local.users : name if u.role == "admin"]
  upper_names     = [for name in keys(local.users) : upper(name)]
  by_role         = { for name, u in local.users : u.role => name... }
  team_membership = flatten([for name, u in local.users : [for t in u.teams : { user = name, team = t }]])
  indexed         = { for idx, v in ["a", "b", "c"] : v => idx }
  filtered_map    = { for k, v in var.tags : k => v if !startswith(k, "aws:") }
  nested = {
    for env in ["dev", "prod"] : env => {
      for region in var.regions : region => "${env}-${region}"
    }
  }
  squares = [for n in range(10) : n * n if n % 2 == 0]
}
