locals {
  name_prefix = lower(replace("${var.project}-${var.environment}", "_", "-"))
  common_tags = merge(
    var.tags,
    {
      Project     = var.project
      Environment = var.environment
      Timestamp   = formatdate("YYYY-MM-DD", timestamp())
    },
  )
  cidrs        = [for i in range(4) : cidrsubnet("10.0.0.0/16", 4, i)]
  json_config  = jsondecode(file("${path.module}/config.json"))
  yaml_config  = yamldecode(templatefile("${path.module}/config.yaml.tftpl", { env = var.environment }))
  lookup_value = lookup(var.amis, var.region, "ami-default")
  coalesced    = coalesce(var.override, local.name_prefix)
  zipped       = zipmap(var.keys, var.values)
  can_parse    = can(regex("^[a-z]+$", var.name))
  tried        = try(local.json_config.settings.timeout, 30)
  joined       = join(",", compact(concat(var.a, var.b, [""])))
  sensitive_v  = sensitive(var.secret)
  typed        = tostring(42)
  setp         = setproduct(["a", "b"], [1, 2])
}
