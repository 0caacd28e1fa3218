// NeuralNets target.
