from_tfvars = "from-tfvars"
from_json   = "from-tfvars"
from_auto   = "from-tfvars"
