"""Write optimizer-step fixtures: one Adam and one AdamW step from a set state.

Usage: python gen_optimizer_fixture.py OUT_DIR

Each case starts from parameters, gradients and first and second moments
at step 5, takes one torch.optim step in float32, and stores the state
before and the parameters after.
"""
import sys

import torch
from safetensors.torch import save_file


def case(name, make_optimizer, tensors):
    torch.manual_seed(3)
    shapes = {"w": (4, 3), "b": (3,), "s": ()}
    params = {k: torch.randn(s, dtype=torch.float32, requires_grad=True) for k, s in shapes.items()}
    opt = make_optimizer(list(params.values()))
    for key, p in params.items():
        p.grad = torch.randn(p.shape)
        state = opt.state[p]
        state["step"] = torch.tensor(5.0)
        state["exp_avg"] = 0.1 * torch.randn(p.shape)
        state["exp_avg_sq"] = 0.01 * torch.rand(p.shape)
        tensors[f"{name}.before.{key}"] = p.detach().clone()
        tensors[f"{name}.grad.{key}"] = p.grad.clone()
        tensors[f"{name}.exp_avg.{key}"] = state["exp_avg"].clone()
        tensors[f"{name}.exp_avg_sq.{key}"] = state["exp_avg_sq"].clone()
    opt.step()
    for key, p in params.items():
        tensors[f"{name}.after.{key}"] = p.detach().clone()


def main():
    tensors = {}
    case("adam", lambda ps: torch.optim.Adam(ps, lr=1e-2), tensors)
    case("adamw", lambda ps: torch.optim.AdamW(ps, lr=1e-2, weight_decay=0.1), tensors)
    save_file({k: v.contiguous() for k, v in tensors.items()}, f"{sys.argv[1]}/optimizer-step.safetensors",
              metadata={"config": "step 5 -> 6; adam lr=1e-2; adamw lr=1e-2 weight_decay=0.1"})


if __name__ == "__main__":
    main()
